import { z } from 'zod';

/**
 * Imported first by each entry point (page and worker), before any schema is built: zod
 * compiles fast object parsers with `new Function` where eval is allowed, and decides so with a
 * caught `new Function("")` when each object schema is created, which a strict
 * Content-Security-Policy reports as a violation even though the throw is swallowed. The app's
 * policy forbids eval, so zod parses without it.
 */
z.config({ jitless: true });
