import express, { type RequestHandler } from 'express';
import type { z } from 'zod';
import { validationError } from './error-handler.js';

/** JSON body parsing with an explicit limit; every route states how much it accepts. */
export function jsonBody(limit: string): RequestHandler {
  return express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
}

/** Parses with a zod schema, throwing RB_ERR_VALIDATION with per-field details. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
