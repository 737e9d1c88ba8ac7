import type { Command } from 'commander';
import { ROLES, Role } from '../../platform/auth/api-token.entity';
import { TokenService } from '../../platform/auth/token.service';
import { AuditService } from '../../platform/audit/audit.service';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

/** `abm token create|list|revoke`: API tokens for admins, marketers and reps. */
export const tokenCommand: CliCommand = {
  register(program: Command) {
    const token = program.command('token').description('manage API tokens (roles: admin, marketer, rep)');
    token
      .command('create')
      .requiredOption('--name <name>', 'who or what uses the token')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
      .option('--json', 'print one JSON line')
      .action(async (opts: { name: string; role: string; json?: boolean }) => {
        if (!ROLES.includes(opts.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        await withCliRuntime(async (runtime) => {
          const { token: value, record } = await runtime.app.get(TokenService).create(opts.name, opts.role as Role);
          await runtime.app.get(AuditService).record({ actor: 'cli', action: 'token.create', targetType: 'api_token', targetId: record.id, details: { role: record.role } });
          output(!!opts.json, { id: record.id, role: record.role, token: value }, () => `Token for ${record.name} (${record.role}), shown once:\n  ${value}`);
        });
      });
    token
      .command('list')
      .option('--json', 'print one JSON line')
      .action(async (opts: { json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const rows = await runtime.app.get(TokenService).list();
          const list = rows.map((t) => ({ id: t.id, name: t.name, role: t.role, prefix: t.prefix, revoked: !!t.revokedAt }));
          output(!!opts.json, list, () => list.map((t) => `${t.id}  ${t.role.padEnd(8)} ${t.prefix}…  ${t.name}${t.revoked ? '  (revoked)' : ''}`).join('\n') || 'No tokens.');
        });
      });
    token
      .command('revoke <id>')
      .action(async (id: string) => {
        await withCliRuntime(async (runtime) => {
          const ok = await runtime.app.get(TokenService).revoke(id);
          if (!ok) throw new Error(`no active token ${id}`);
          await runtime.app.get(AuditService).record({ actor: 'cli', action: 'token.revoke', targetType: 'api_token', targetId: id });
          process.stdout.write(`Revoked ${id}\n`);
        });
      });
  },
};
