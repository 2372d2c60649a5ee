/** One line for any thrown value: the message, never a stack (the CLI's --debug shows those). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
