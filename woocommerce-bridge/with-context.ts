/** Binds an operation to the context its factory built once, so the factory's methods keep their signatures. */
export function withContext<C, A extends unknown[], R>(
  ctx: C,
  operation: (ctx: C, ...args: A) => R,
): (...args: A) => R {
  return (...args) => operation(ctx, ...args);
}
