// The contract's zod schemas also run in the page. zod's fast path compiles parsers with
// `new Function`, which the studio's CSP (no 'unsafe-eval') forbids: the probe alone logs a CSP
// violation. Jitless mode never probes. It must run before any schema is constructed, so
// app/main.tsx imports this module first.
import { z } from 'zod';

z.config({ jitless: true });
