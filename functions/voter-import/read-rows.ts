/**
 * Streams the data rows of an uploaded CSV or .xlsx file: the header row mapped to fields, then
 * one row at a time, so that memory does not grow with the file.
 *
 * CSV: UTF-8 (with or without BOM) or, when the start is not valid UTF-8, GB18030 — what Chinese
 * Excel writes by default ("CSV (逗号分隔)"). Lenient about ragged rows (reported per row), strict
 * about records longer than any real row (garbage). XLSX: the first worksheet, through exceljs's
 * streaming reader; formula cells are reported, never evaluated or trusted.
 */
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { mapHeader, type Field } from './columns';

export type Cell = { value: string } | { problem: string };

export interface DataRow {
  /** 1-based data row number (the header is row 0); what the report shows as 第 n 行 is n + 1. */
  row: number;
  cells: Partial<Record<Field, Cell>>;
  /** A problem of the row as a whole (wrong number of cells, …). */
  problem?: string;
}

/** The file cannot be read as a roll at all: nothing is registered. */
export class FileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileProblem';
  }
}

const MAX_RECORD_BYTES = 64 * 1024;

export async function* readRows(input: Readable, format: 'csv' | 'xlsx'): AsyncGenerator<DataRow> {
  const raw = format === 'csv' ? csvRecords(input) : xlsxRecords(input);
  let columns: Map<number, Field> | undefined;
  let width = 0;
  let row = 0;
  for await (const cells of raw) {
    if (!columns) {
      if (cells.every((c) => 'value' in c && c.value === '')) continue;
      const header = mapHeader(cells.map((c) => ('value' in c ? c.value : '')));
      if (!header.ok) throw new FileProblem(header.reason);
      columns = header.columns;
      width = cells.length;
      continue;
    }
    if (cells.every((c) => 'value' in c && c.value === '')) continue;
    row += 1;
    const out: DataRow = { row, cells: {} };
    for (const [i, field] of columns) out.cells[field] = cells[i] ?? { value: '' };
    if (format === 'csv' && cells.length !== width) out.problem = `本行有 ${cells.length} 列，表头有 ${width} 列`;
    yield out;
  }
  if (!columns) throw new FileProblem('文件为空：没有表头行');
}

async function* csvRecords(input: Readable): AsyncGenerator<Cell[]> {
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
  // A failure anywhere (the file, the decoder, the parser) destroys the parser with it, and so
  // surfaces in the loop below; the pipeline's own promise need not be awaited.
  pipeline(input, decoder(), parser).catch(() => undefined);
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield record.map((v) => csvCell(v));
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`不是可读的 CSV 文件：${(error as Error).message.slice(0, 200)}`);
  }
}

/** A leading = + − @ is how a spreadsheet starts a formula: refused, never passed on (CSV injection). */
function csvCell(raw: string): Cell {
  const value = raw.trim();
  if (/^[=+@]/.test(value) || /^-[^\d]/.test(value)) return { problem: '单元格是公式，请改为文本' };
  return { value };
}

/**
 * Decodes bytes to text: UTF-8 when the first 64 KB are valid UTF-8, else GB18030. Text with
 * NUL characters or other control characters is no roll (a binary file, UTF-16): refused.
 */
function decoder(): Transform {
  let text: TextDecoder | undefined;
  let head: Buffer[] = [];
  let headBytes = 0;
  const choose = () => {
    const sample = Buffer.concat(head);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, lastCompleteUtf8(sample)));
      text = new TextDecoder('utf-8');
    } catch {
      text = new TextDecoder('gb18030');
    }
  };
  const emit = (transform: Transform, chunk: Buffer) => {
    const decoded = text!.decode(chunk, { stream: true });
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000e-\u001f]/.test(decoded)) throw new FileProblem('文件含有二进制内容：不是 CSV 文本（应为 UTF-8 或 GBK 编码的 CSV，或 .xlsx）');
    transform.push(decoded);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        if (text) emit(this, chunk);
        else {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= 64 * 1024) {
            choose();
            emit(this, Buffer.concat(head));
            head = [];
          }
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        if (!text) {
          choose();
          emit(this, Buffer.concat(head));
        }
        const rest = text!.decode();
        if (rest) this.push(rest);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** The length of the sample without a multi-byte character cut at its end. */
function lastCompleteUtf8(b: Buffer): number {
  let i = b.length;
  for (let back = 1; back <= 3 && i - back >= 0; back++) {
    const byte = b[i - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    if (byte >= 0xc0) return i - back; // a lead byte whose sequence may be cut: drop it
    break;
  }
  return i;
}

async function* xlsxRecords(input: Readable): AsyncGenerator<Cell[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        // exceljs rows are 1-based: values[0] is always empty.
        yield Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => xlsxCell(values[i + 1]));
      }
      return; // the first worksheet is the roll
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`不是可读的 .xlsx 文件：${(error as Error).message.slice(0, 200)}`);
  }
  throw new FileProblem('工作簿中没有工作表');
}

function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return { value: '' };
  if (typeof v === 'string') return { value: v.trim() };
  if (typeof v === 'number') {
    // An 18-digit ID typed into a number cell has lost its last digits (Excel keeps 15).
    if (Number.isInteger(v) && Math.abs(v) >= 1e15) return { problem: '数字格式的身份证号已丢失末尾数字，请将该列设为文本后重新录入' };
    return { value: String(v) };
  }
  if (typeof v === 'boolean') return { value: String(v) };
  if (v instanceof Date) return { value: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    const o = v as { formula?: unknown; sharedFormula?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: unknown };
    if (o.formula !== undefined || o.sharedFormula !== undefined) return { problem: '单元格是公式，请改为文本' };
    if (o.richText) return { value: o.richText.map((r) => r.text).join('').trim() };
    if (typeof o.text === 'string') return { value: o.text.trim() };
    if (o.error !== undefined) return { problem: `单元格有错误值 ${String(o.error)}` };
  }
  return { problem: '无法识别的单元格内容' };
}
