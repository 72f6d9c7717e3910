import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors/http-error.ts';

/** One failed check: where (`body.title`) and what, never the value that was sent. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Options of {@link validate}: a zod schema per request part. */
export interface ValidateSchemas<P, Q, B> {
  params?: P;
  query?: Q;
  body?: B;
}

type Part = 'params' | 'query' | 'body';

/**
 * Parses `params`, `query` and `body` with zod; the handlers after it get the parsed, typed
 * values in `req.params`, `req.query` and `req.body`. Any failure is a 400 problem+json with
 * `errors: [{ path, message }]`.
 *
 * @example
 * routes.post('/v1/notes', validate({ body: z.object({ title: z.string().min(1) }) }), create);
 */
export function validate<
  P extends z.ZodType = z.ZodType<Request['params']>,
  Q extends z.ZodType = z.ZodType<Request['query']>,
  B extends z.ZodType = z.ZodType,
>(
  schemas: ValidateSchemas<P, Q, B>,
): RequestHandler<z.output<P>, unknown, z.output<B>, z.output<Q>> {
  const parts = (['params', 'query', 'body'] as const).filter((part) => schemas[part]);
  return function validate(req, _res, next) {
    const errors: ValidationIssue[] = [];
    const parsed: Partial<Record<Part, unknown>> = {};
    for (const part of parts) {
      const result = (schemas[part] as z.ZodType).safeParse(req[part]);
      if (result.success) parsed[part] = result.data;
      else {
        for (const issue of result.error.issues) {
          errors.push({ path: [part, ...issue.path].join('.'), message: issue.message });
        }
      }
    }
    if (errors.length > 0) {
      next(new HttpError(400, 'The request is not valid.', { extensions: { errors } }));
      return;
    }
    for (const [part, value] of Object.entries(parsed)) {
      // Express 5 defines `req.query` as a getter; an own property shadows it.
      Object.defineProperty(req, part, { value, writable: true, enumerable: true });
    }
    next();
  };
}
