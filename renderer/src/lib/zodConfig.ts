// Runs before any schema is built (main.tsx imports it first): zod compiles fast object parsers
// with `new Function` unless told not to, and checks whether it may the moment a schema is
// defined. The CSP's Trusted Types refuse that (and log it as a violation), so the page's
// schemas run interpreted; the cost is a little speed on responses, which are small.
import { z } from 'zod';

z.config({ jitless: true });
