import type { AdapterError, AdapterErrorKind } from './availability.ts';

/**
 * An expected provider failure. Adapters throw it from deep inside their request code;
 * `defineAdapter` turns it into an `unknown` availability carrying the error as a value.
 */
export class ProviderError extends Error {
  readonly kind: AdapterErrorKind;
  readonly retryAfterS: number | undefined;

  constructor(kind: AdapterErrorKind, message: string, retryAfterS?: number) {
    super(message);
    this.name = 'ProviderError';
    this.kind = kind;
    this.retryAfterS = retryAfterS;
  }

  toAdapterError(): AdapterError {
    return this.retryAfterS === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, retry_after_s: this.retryAfterS };
  }
}
