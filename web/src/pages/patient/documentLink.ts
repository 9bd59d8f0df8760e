// Links that open the patient page on one document, optionally with a span of its text highlighted:
// /patients/ID?doc=DOCUMENT&start=S&end=E, where S and E are UTF-16 offsets into the text (E exclusive), as the
// server's NLP writes them (Java string offsets).

export interface TextHighlight {
  start: number;
  end: number;
}

/** The patient page opened on a document, with a span highlighted when one is given. */
export function documentLink(patientId: string, documentId: string, span?: TextHighlight): string {
  const params = new URLSearchParams({ doc: documentId });
  if (span) {
    params.set('start', String(span.start));
    params.set('end', String(span.end));
  }
  return `/patients/${encodeURIComponent(patientId)}?${params.toString()}`;
}

/** Reads `?doc=…&start=…&end=…`; a bad or missing span gives the document without a highlight. */
export function highlightFromParams(params: URLSearchParams): { documentId?: string; highlight?: TextHighlight } {
  const documentId = params.get('doc') || undefined;
  if (!documentId) return {};
  const rawStart = params.get('start');
  const rawEnd = params.get('end');
  if (rawStart === null || rawEnd === null || rawStart === '' || rawEnd === '') return { documentId };
  const start = Number(rawStart);
  const end = Number(rawEnd);
  const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start;
  return valid ? { documentId, highlight: { start, end } } : { documentId };
}

/** Splits a text around a span, clamped to the text; null when nothing of the span lies inside it. */
export function splitAtSpan(
  text: string,
  span: TextHighlight | undefined,
): { before: string; marked: string; after: string } | null {
  if (!span) return null;
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  if (end === start) return null;
  return { before: text.slice(0, start), marked: text.slice(start, end), after: text.slice(end) };
}
