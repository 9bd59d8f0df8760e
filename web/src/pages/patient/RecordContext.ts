import { createContext, useContext } from 'react';
import type { Encounter, PatientRecord } from '../../api/types';

/** The patient record shown by the 360 page, with its encounters indexed by id. */
export interface RecordView {
  record: PatientRecord;
  encounters: Map<string, Encounter>;
}

export const RecordContext = createContext<RecordView | null>(null);

export function useRecord(): RecordView {
  const view = useContext(RecordContext);
  if (!view) throw new Error('useRecord outside RecordContext');
  return view;
}

export function recordView(record: PatientRecord): RecordView {
  return { record, encounters: new Map(record.encounters.map((encounter) => [encounter.id, encounter])) };
}
