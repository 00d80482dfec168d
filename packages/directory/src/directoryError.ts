/** An expected failure of a directory operation; ingest turns the code into its HTTP status, the admin command prints it. */
export class DirectoryError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'validation_error',
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

export const notFound = (what: string) => new DirectoryError('not_found', `${what} not found`);
