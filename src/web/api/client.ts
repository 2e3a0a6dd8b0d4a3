import { parseErrorBody } from '../../shared/schemas/errors';

/** Every failed request arrives as an ApiError: status 0 = no answer (offline, dropped, timed out in the browser). */
export class ApiError extends Error {
  readonly status: number;
  readonly detail?: string;
  readonly fieldErrors: Record<string, string[]>;
  readonly body: unknown;
  readonly retryAfterSeconds?: number;
  /** The ETag header of the error response (a 412 carries the current project's). */
  readonly etag?: string;

  constructor(status: number, body: unknown, message?: string, retryAfterSeconds?: number, etag?: string) {
    const parsed = parseErrorBody(body);
    super(message ?? parsed.detail ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = parsed.detail;
    this.fieldErrors = parsed.fieldErrors;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
    this.etag = etag;
  }
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  headers: Headers;
}

/** fetch against the admin server (`/api/...` upstream operations, `/app-api/...` its own). */
export async function apiRequest<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, null, 'No answer from the console server: check your connection and try again.');
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      response.status,
      body,
      undefined,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      response.headers.get('ETag') ?? undefined,
    );
  }
  return { data: body as T, etag: response.headers.get('ETag'), headers: response.headers };
}

/** Builds `/api/<upstream path>?query` with only defined parameters. */
export function upstreamPath(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}
