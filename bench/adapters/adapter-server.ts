// A minimal NestJS app for the HTTP adapter decision (Express or Fastify under the same Nest version):
// one controller, a global ValidationPipe and exception filter (the kernel's own), and the notes list as
// the same TypeORM query Quire's list endpoint runs (getManyAndCount on a query builder). Quire itself is
// Express-only today (its HTTP set-up uses Express middleware), so this isolates what the adapter costs.
//   node dist/bench/bench/adapters/adapter-server.js --adapter express|fastify
// Environment: DATABASE_URL (required), PORT (default 0 = any free port), DATABASE_POOL_SIZE (default 10).
// Prints `BENCH_READY {"url":"http://127.0.0.1:<port>","adapter":"…"}` when listening; SIGTERM stops it.
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Query, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsIn, IsNumberString, IsOptional, IsUUID } from 'class-validator';
import { Column, Entity, PrimaryColumn, type Repository } from 'typeorm';
import { ProblemDetailsFilter } from '../../libs/core/src/errors/problem-details.filter';
import { createValidationPipe } from '../../libs/core/src/validation/validation-pipe';

/** The example-notes plugin's table, mapped here so this app does not load the kernel. */
@Entity({ name: 'example_notes' })
class BenchNote {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'integer' }) priority!: number;
  @Column({ name: 'created_by_id', type: 'text' }) createdById!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

class NotesQuery {
  @IsUUID() workspace!: string;
  @IsOptional() @IsIn(['draft', 'published']) status?: string;
  @IsOptional() @IsNumberString() page?: string;
  @IsOptional() @IsNumberString() pageSize?: string;
  @IsOptional() @IsIn(['-createdAt', 'createdAt']) sort?: string;
}

@Injectable()
class NotesService {
  constructor(@InjectRepository(BenchNote) private readonly notes: Repository<BenchNote>) {}

  async list(query: NotesQuery) {
    const page = Math.max(1, Number(query.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(query.pageSize ?? 20)));
    const qb = this.notes
      .createQueryBuilder('row')
      .where('row.workspace_id = :tenantWorkspaceId', { tenantWorkspaceId: query.workspace });
    if (query.status) qb.andWhere('(row.status = :qf0)', { qf0: query.status });
    const [rows, total] = await qb
      .addOrderBy('row.created_at', query.sort === 'createdAt' ? 'ASC' : 'DESC')
      .addOrderBy('row.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    const data = rows.map((note) => ({
      id: note.id,
      title: note.title,
      body: note.body,
      status: note.status,
      priority: note.priority,
      createdById: note.createdById,
      createdAt: new Date(note.createdAt).toISOString(),
      updatedAt: new Date(note.updatedAt).toISOString(),
    }));
    return { data, meta: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  }
}

@Controller()
class BenchController {
  constructor(private readonly notes: NotesService) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('notes')
  list(@Query() query: NotesQuery) {
    return this.notes.list(query);
  }
}

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities: [BenchNote],
      synchronize: false,
      poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      extra: { application_name: 'quire-bench-adapter' },
      logging: ['error'],
    }),
    TypeOrmModule.forFeature([BenchNote]),
  ],
  controllers: [BenchController],
  providers: [
    NotesService,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
class AdapterBenchModule {}

async function main(): Promise<void> {
  const index = process.argv.indexOf('--adapter');
  const adapter = index >= 0 ? process.argv[index + 1] : 'express';
  if (adapter !== 'express' && adapter !== 'fastify')
    throw new Error(`--adapter must be express or fastify (got ${adapter})`);
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const app: INestApplication = await NestFactory.create(
    AdapterBenchModule,
    adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
    { logger: ['error', 'warn'] },
  );
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, adapter })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
