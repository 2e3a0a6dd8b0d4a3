// Whether the history store has failed to record something since the server started. A missed row cannot be
// written later, so the state stays failed until a restart: /app-api/health answers 503 and names the store.
export class HistoryHealth {
  private problemText: string | null = null;

  constructor(private readonly file: string) {}

  failed(error: unknown): void {
    this.problemText ??=
      `The history store (${this.file}) failed to record a change at ${new Date().toISOString()}: ` +
      `${(error as Error)?.message ?? String(error)}. Saves still work but are not all in the history; ` +
      'check the disk and the file, then restart the console.';
  }

  get problem(): string | null {
    return this.problemText;
  }
}
