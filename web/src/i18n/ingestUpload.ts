// Strings of the integration page's upload card, spread into messages.ts (kept apart so the pages' strings do not collide).

export const ingestUploadZh = {
  'ingestUpload.title': '导入数据文件',
  'ingestUpload.format': '格式',
  'ingestUpload.format.hl7v2': 'HL7 v2 消息（单条、多条或批文件）',
  'ingestUpload.format.fhir': 'FHIR R4（Bundle 或 Bulk NDJSON）',
  'ingestUpload.format.cda': 'CDA 文档（WS/T 500）',
  'ingestUpload.format.table': '表格导出（CSV，按映射）',
  'ingestUpload.source': '来源系统（内容未注明时使用）',
  'ingestUpload.mapping': '映射',
  'ingestUpload.choose': '选择文件并导入',
  'ingestUpload.result':
    '{file}：收到 {received}，新增 {accepted}，更新 {updated}，重复 {duplicates}，隔离 {quarantined}，暂存 {held}（{seconds} 秒）',
  'ingestUpload.hint': '文件先原样暂存，再入库；同一内容重复导入不会重复入库，无法入库的内容进入下方隔离区。',
} as const;

export const ingestUploadEn: Record<keyof typeof ingestUploadZh, string> = {
  'ingestUpload.title': 'Import a data file',
  'ingestUpload.format': 'Format',
  'ingestUpload.format.hl7v2': 'HL7 v2 messages (one, many or a batch file)',
  'ingestUpload.format.fhir': 'FHIR R4 (Bundle or Bulk NDJSON)',
  'ingestUpload.format.cda': 'CDA document (WS/T 500)',
  'ingestUpload.format.table': 'Table extract (CSV, through a mapping)',
  'ingestUpload.source': 'Source system (when the content names none)',
  'ingestUpload.mapping': 'Mapping',
  'ingestUpload.choose': 'Choose a file and import',
  'ingestUpload.result':
    '{file}: received {received}, added {accepted}, updated {updated}, duplicates {duplicates}, quarantined {quarantined}, held {held} ({seconds} s)',
  'ingestUpload.hint':
    'The file is staged as received, then applied; importing the same content again adds nothing, and what cannot be applied goes to the quarantine below.',
};
