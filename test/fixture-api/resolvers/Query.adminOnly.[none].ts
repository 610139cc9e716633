export function request() {
  return { payload: 'for admins' };
}

export function response(ctx: { result: string }) {
  return ctx.result;
}
