import { ApiError, get, post, readCookie, withQuery } from './client';
import type { Role } from './types';

export interface SourceActivity {
  source: string;
  messages: Record<'staged' | 'applied' | 'duplicate' | 'held' | 'quarantined' | 'superseded', number>;
  total: number;
  last_arrival: string | null;
  per_hour: { hour: string; messages: number }[];
}

export interface QuarantinedMessage {
  id: number;
  status: string;
  code: string | null;
  reason: string | null;
  source: string;
  source_id: string | null;
  message_type: string | null;
  channel: string | null;
  arrived_at: string;
  attempts: number;
  charset: string | null;
  replay_of: number | null;
  effect: string | null;
  payload: string | null;
}

export interface QuarantinePage {
  total: number;
  page: number;
  size: number;
  items: QuarantinedMessage[];
}

/** Roles that review feeds and quarantine (the server allows the same). */
export const INGEST_ROLES: Role[] = ['ADMIN', 'DATA_STEWARD'];

export const ingestApi = {
  sources: (signal?: AbortSignal) => get<SourceActivity[]>('/api/ingest/sources', signal),
  quarantine: (page: number, size: number, source: string | undefined, signal?: AbortSignal) =>
    get<QuarantinePage>(withQuery('/api/ingest/quarantine', { page, size, source }), signal),
  replay: (id: number, payload: string | null) =>
    post<QuarantinedMessage>(`/api/ingest/quarantine/${id}/replay`, payload === null ? {} : { payload }),
};

export interface UploadCounts {
  format: string;
  received: number;
  accepted: number;
  updated: number;
  duplicates: number;
  quarantined: number;
  held: number;
  released: number;
  seconds: number;
}

/** The formats the server's upload takes (hl7v2, fhir, cda, table). */
export const ingestFormats = (signal?: AbortSignal) => get<string[]>('/api/ingest/formats', signal);

/** Sends a file's bytes as they are to its connector; the counts reconcile as the CLI prints them. */
export async function uploadFile(
  file: File,
  options: { format: string; source?: string; mapping?: string },
): Promise<UploadCounts> {
  const path = withQuery('/api/ingest/upload', {
    format: options.format,
    filename: file.name,
    source: options.source || undefined,
    mapping: options.mapping || undefined,
  });
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Content-Type': 'application/octet-stream',
  };
  const token = readCookie('XSRF-TOKEN', document.cookie);
  if (token) headers['X-XSRF-TOKEN'] = token;
  const response = await fetch(path, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: await file.arrayBuffer(),
  });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem, `HTTP ${response.status} ${response.statusText}`);
  }
  return (await response.json()) as UploadCounts;
}
