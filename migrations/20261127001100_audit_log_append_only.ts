import type { Knex } from 'knex';
import { isPostgres } from './helpers';

// The audit log is evidence: once written, no code path (or stray SQL) may rewrite or remove it.

export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw(`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end $$`);
    await knex.raw(`create trigger audit_log_no_update_delete before update or delete on audit_log
      for each row execute function audit_log_append_only()`);
    await knex.raw(`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`);
    return;
  }
  await knex.raw(`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`);
  await knex.raw(`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`);
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw('drop trigger audit_log_no_truncate on audit_log');
    await knex.raw('drop trigger audit_log_no_update_delete on audit_log');
    await knex.raw('drop function audit_log_append_only()');
    return;
  }
  await knex.raw('drop trigger audit_log_no_delete');
  await knex.raw('drop trigger audit_log_no_update');
}
