package io.tianshu.ingest.hl7v2;

import ca.uhn.hl7v2.model.Segment;

/** A segment with its 1-based position in the message, for provenance and quarantine reasons. */
record IndexedSegment(int index, Segment segment) {}
