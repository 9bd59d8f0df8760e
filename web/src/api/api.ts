import { get, post, withQuery } from './client';
import type {
  AuditEntry,
  Page,
  PatientQuery,
  PatientRecord,
  PatientSummary,
  StatsOverview,
  TimelineEvent,
  User,
} from './types';

/** Typed calls to the Tianshu REST API, one function per endpoint. */
export const api = {
  me: (signal?: AbortSignal) => get<User>('/api/auth/me', signal),
  login: (username: string, password: string) => post<User>('/api/auth/login', { username, password }),
  logout: () => post<void>('/api/auth/logout'),
  overview: (signal?: AbortSignal) => get<StatsOverview>('/api/stats/overview', signal),
  departments: (signal?: AbortSignal) => get<string[]>('/api/departments', signal),
  patients: (query: PatientQuery, signal?: AbortSignal) =>
    get<Page<PatientSummary>>(withQuery('/api/patients', { ...query }), signal),
  patient: (id: string, signal?: AbortSignal) =>
    get<PatientRecord>(`/api/patients/${encodeURIComponent(id)}`, signal),
  timeline: (id: string, signal?: AbortSignal) =>
    get<TimelineEvent[]>(`/api/patients/${encodeURIComponent(id)}/timeline`, signal),
  audit: (page: number, size: number, signal?: AbortSignal) =>
    get<Page<AuditEntry>>(withQuery('/api/audit', { page, size }), signal),
};
