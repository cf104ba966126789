// API methods for the analyst's profile: read it, and set it (control characters refused with
// the field named, so a pasted line break never reaches a signed document).
import { z } from 'zod';
import type { AnalystProfile } from '../profile';
import { PROFILE_LIMITS, profileProblem } from '../profile';
import { method } from './define';

const ProfileSchema = z.object({
  name: z.string(),
  affiliation: z.string(),
  section: z.string(),
  contact: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<AnalystProfile>;

const field = (max: number) => z.string().max(max * 2);

export const ProfileRequest = z
  .object({
    name: field(PROFILE_LIMITS.name),
    affiliation: field(PROFILE_LIMITS.affiliation).optional(),
    section: field(PROFILE_LIMITS.section).optional(),
    contact: field(PROFILE_LIMITS.contact).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const problem = profileProblem(p);
    if (!problem) return;
    const why = { control: 'must not contain control characters (line breaks, tabs, escapes)', length: `is longer than ${PROFILE_LIMITS[problem.field]} characters`, empty: 'must not be empty' }[problem.reason];
    ctx.addIssue({ code: 'custom', path: [problem.field], message: `${problem.field} ${why}` });
  });

export const profileApi = {
  'profile.get': method(z.object({}).strict(), z.object({ profile: ProfileSchema.nullable() }), "The analyst's profile, or null before it is set."),
  'profile.set': method(ProfileRequest, z.object({ profile: ProfileSchema }), "Set the analyst's profile: the author of new briefings and annotations, and the DOCX creator."),
};
