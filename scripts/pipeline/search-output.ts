import type { SearchDocument } from '../../content/schema/index.ts';
import { buildIndexFiles, IndexFilesWriter } from '../../search/index-files.ts';
import type { OutputSink } from './output-sink.ts';

/**
 * A locale's search outputs, fed one entry's section documents at a time: the documents file (every
 * document, as one JSON object) and the search index files. A sink that can append and rename gets them
 * while the entries come, so a large locale's section texts are never all in memory (tens of MB, which the
 * garbage collector lets the heap exceed several times over); any other sink gets them whole from
 * `finish`. The bytes are the same either way. Nothing is complete before `finish`: a build that stops
 * earlier leaves partial files, as it leaves payloads, in an output folder it does not commit.
 */
export class SearchOutput {
  private readonly documents: SearchDocument[] = [];
  private readonly index: IndexFilesWriter | undefined;
  private pendingText = '';
  private count = 0;

  constructor(
    private readonly emit: OutputSink,
    private readonly locale: string,
    /** Path of the documents file. */
    private readonly documentsPath: string,
    /** Folder of the index files. */
    private readonly indexDir: string,
  ) {
    if (!emit.append || !emit.rename) return;
    emit(documentsPath, this.head());
    this.index = new IndexFilesWriter({ locale }, (n, text) => emit(this.unnamedChunk(n), text));
  }

  /** Adds the section documents of one entry (all of them, lead section first). */
  add(docs: readonly SearchDocument[]): void {
    if (!this.index) {
      this.documents.push(...docs);
      return;
    }
    for (const doc of docs) this.pendingText += (this.count++ ? ',' : '') + JSON.stringify(doc);
    if (this.pendingText.length > 1 << 19) {
      this.emit.append!(this.documentsPath, this.pendingText);
      this.pendingText = '';
    }
    this.index.addEntry(docs);
  }

  /** Writes what is left: the end of the documents file, and the index files. */
  finish(): void {
    const { emit, index } = this;
    if (!index) {
      emit(this.documentsPath, this.head() + this.documents.map((doc) => JSON.stringify(doc)).join(',') + TAIL);
      for (const file of buildIndexFiles(this.documents, { locale: this.locale })) emit(`${this.indexDir}/${file.path}`, file.content);
      return;
    }
    emit.append!(this.documentsPath, this.pendingText + TAIL);
    this.pendingText = '';
    const { files, chunkCount, chunkPath } = index.finish();
    for (let n = 0; n < chunkCount; n++) emit.rename!(this.unnamedChunk(n), `${this.indexDir}/${chunkPath(n)}`);
    for (const file of files) emit(`${this.indexDir}/${file.path}`, file.content);
  }

  private head(): string {
    return `{"version":1,"locale":${JSON.stringify(this.locale)},"documents":[`;
  }

  /** Where chunk n waits for its name, which depends on every chunk. */
  private unnamedChunk(n: number): string {
    return `${this.indexDir}/s/${n}.json`;
  }
}

const TAIL = ']}\n';
