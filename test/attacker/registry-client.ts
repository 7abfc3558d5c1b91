import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { CommandTestFactory } from 'nest-commander-testing';
import request from 'supertest';
import { CliModule } from '../../apps/registry/src/cli/cli.module';
import { CliIo } from '../../apps/registry/src/cli/cli-io';
import { cliOptions } from '../../apps/registry/src/cli/cli-options';

/** One HTTP answer, reduced to what the model reads. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type Credential = { token: string } | { apiKey: string } | null;

/** A tiny valid PDF: the registry sniffs its first bytes. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** The registry app's HTTP API, called in-process (the app listens on a loopback port once, not per request). */
export class RegistryClient {
  constructor(private readonly app: INestApplication) {}

  private agent() {
    return request(this.app.getHttpServer());
  }

  private authorize(t: request.Test, cred: Credential): request.Test {
    if (cred && 'token' in cred) return t.set('Authorization', `Bearer ${cred.token}`);
    if (cred && 'apiKey' in cred) return t.set('X-Api-Key', cred.apiKey);
    return t;
  }

  async send(method: 'get' | 'post' | 'patch' | 'delete', url: string, cred: Credential, body?: object): Promise<Answer> {
    let t = this.authorize(this.agent()[method](url), cred);
    if (body !== undefined) t = t.send(body);
    const res = await t;
    return { status: res.status, body: res.body };
  }

  /** A multipart upload of the PDF with extra form fields. */
  async upload(url: string, cred: Credential, fields: Record<string, string>): Promise<Answer> {
    let t = this.authorize(this.agent().post(url), cred);
    for (const [k, v] of Object.entries(fields)) t = t.field(k, v);
    const res = await t.attach('file', PDF, { filename: 'quyet-dinh.pdf', contentType: 'application/pdf' });
    return { status: res.status, body: res.body };
  }
}

class RecordingIo extends CliIo {
  stdout: string[] = [];
  stderr: string[] = [];
  override out(line: string): void {
    this.stdout.push(line);
  }
  override err(line: string): void {
    this.stderr.push(line);
  }
}

export interface CliResult {
  code: number;
  stdout: string[];
  stderr: string[];
}

const cliDir = mkdtempSync(join(tmpdir(), 'vbr-attacker-cli-'));
let cliFiles = 0;

/** A file for a CLI command to read (numbers:import). */
export function cliFile(content: string): string {
  const file = join(cliDir, `input-${++cliFiles}.csv`);
  writeFileSync(file, content);
  return file;
}

/** The admin CLI in-process, as test/cli/cli.e2e-spec.ts runs it: a fresh command app per run. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const io = new RecordingIo();
  const { options, commanderExitCode } = cliOptions();
  const app = await CommandTestFactory.createTestingCommand({ imports: [CliModule] }, options)
    .overrideProvider(CliIo)
    .useValue(io)
    .compile();
  await CommandTestFactory.run(app, args);
  return { code: commanderExitCode() ?? io.exitCode, stdout: io.stdout, stderr: io.stderr };
}
