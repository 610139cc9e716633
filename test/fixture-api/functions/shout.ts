/** A Lambda handler: upper-cases text, and fails on demand so the Lambda:Unhandled path can be seen. */
export async function handler(event: { text: string }): Promise<{ text: string; table: string }> {
  if (event.text === 'boom') throw new Error('shout refuses to shout boom');
  return { text: `${event.text.toUpperCase()}${process.env.SUFFIX ?? ''}`, table: process.env.TABLE ?? '' };
}
