import { get, post, withQuery } from './client';
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
