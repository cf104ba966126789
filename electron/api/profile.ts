// Handlers for the profile methods: the stored profile, and setting it, which also makes the
// name the author of everything this session writes from now on.
import type { profileApi } from '../../shared/api/profile';
import { getProfile, setProfile } from '../briefing/profile';
import type { DomainHandlers } from './dispatch';

export const profileHandlers: DomainHandlers<typeof profileApi> = {
  'profile.get': (_req, { db }) => ({ profile: getProfile(db) }),
  'profile.set': (req, ctx) => {
    const profile = setProfile(ctx.db, req);
    ctx.author = profile.name;
    return { profile };
  },
};
