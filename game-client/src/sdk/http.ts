/**
 * JSON over HTTP to the Quarkade server: one request function, and the error every failed call becomes. A 4xx answer
 * carries the server's {"error","message"} body; a network failure is status 0.
 */

/** A failed call: the HTTP status and the server's {"error","message"} when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sentinel for an endpoint the server does not offer (yet): a 404 on a list. */
export const NOT_AVAILABLE = Symbol('not available');
export type Maybe<T> = T | typeof NOT_AVAILABLE;

export async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const err = (json ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? `http-${res.status}`, err.message ?? `${res.status} ${res.statusText}`);
  }
  return json as T;
}

/** Loads from an endpoint the server may not offer: 404, 405 and 501 become NOT_AVAILABLE. */
export async function optional<T>(load: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501)) return NOT_AVAILABLE;
    throw e;
  }
}
