// Test hooks on a separate loopback port (off unless --admin-port is given): inspect state, move the
// sandbox clock, inject faults per route, reset the seed. Not part of publiq's API; plain JSON answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.node.ts';
import { parseFault } from './faults.ts';
import { pathSegments, readBody, send } from './http.node.ts';
import type { Reply } from './problems.ts';
import type {
  CheckinRow,
  PassholderData,
  PassholderRow,
  RedemptionRow,
  TicketSaleRow,
} from './store.node.ts';
import { resetAndSeed } from './store.node.ts';

const ok = (body: unknown, status = 200): Reply => ({ status, body, contentType: 'application/json' });
const bad = (error: string, status = 400): Reply => ({
  status,
  body: { error },
  contentType: 'application/json',
});

export interface SandboxState {
  clock: { now: string; mode: string };
  checkins: CheckinRow[];
  ticketSales: TicketSaleRow[];
  redemptions: RedemptionRow[];
  points: { passholderId: string; name: string; uitpasNumber: string | null; points: number }[];
  rewards: { id: string; unitsTaken: number }[];
  kiosks: { kioskId: string; deviceId: string | null; eventId: string | null }[];
}

export function snapshot(app: App): SandboxState {
  const db = app.db;
  return {
    clock: app.clock.state(),
    checkins: db.prepare<[], CheckinRow>('SELECT * FROM checkins ORDER BY created_at, rowid').all(),
    ticketSales: db.prepare<[], TicketSaleRow>('SELECT * FROM ticket_sales ORDER BY created_at, rowid').all(),
    redemptions: db.prepare<[], RedemptionRow>('SELECT * FROM redemptions ORDER BY created_at, rowid').all(),
    points: db
      .prepare<[], PassholderRow>('SELECT * FROM passholders ORDER BY rowid')
      .all()
      .map((p) => {
        const data = JSON.parse(p.data) as PassholderData;
        return {
          passholderId: p.id,
          name: `${data.firstName} ${data.name}`,
          uitpasNumber: app.model.primaryNumber(p.id) ?? null,
          points: p.points,
        };
      }),
    rewards: db
      .prepare<[], { id: string; units_taken: number }>('SELECT id, units_taken FROM rewards ORDER BY id')
      .all()
      .map((r) => ({ id: r.id, unitsTaken: r.units_taken })),
    kiosks: db
      .prepare<[], { kiosk_id: string; device_id: string | null; event_id: string | null }>(
        'SELECT * FROM kiosk_devices ORDER BY kiosk_id',
      )
      .all()
      .map((k) => ({ kioskId: k.kiosk_id, deviceId: k.device_id, eventId: k.event_id })),
  };
}

async function jsonBody(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; reply: Reply }> {
  const read = await readBody(req, 64 * 1024);
  if (!read.ok) return { ok: false, reply: bad('body too large', 413) };
  if (read.text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(read.text) };
  } catch {
    return { ok: false, reply: bad('body is not valid JSON') };
  }
}

export async function handleAdmin(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://admin.invalid');
  const method = req.method ?? 'GET';
  const seg = pathSegments(url.pathname) ?? [];
  const route = `${method} /${seg.join('/')}`;
  send(res, await route_(app, req, route, seg));
}

async function route_(app: App, req: IncomingMessage, route: string, seg: string[]): Promise<Reply> {
  switch (route) {
    case 'GET /health':
      return ok({ ok: true });
    case 'GET /state':
      return ok(snapshot(app));
    case 'GET /clock':
      return ok(app.clock.state());
    case 'PUT /clock': {
      const body = await jsonBody(req);
      if (!body.ok) return body.reply;
      const b = body.value as { now?: unknown; frozen?: unknown };
      const at = typeof b.now === 'string' ? new Date(b.now) : null;
      if (!at || Number.isNaN(at.getTime())) return bad('now must be an ISO 8601 date-time');
      app.clock.set(at, b.frozen === true);
      return ok(app.clock.state());
    }
    case 'POST /clock/advance': {
      const body = await jsonBody(req);
      if (!body.ok) return body.reply;
      const seconds = (body.value as { seconds?: unknown }).seconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return bad('seconds must be a number');
      app.clock.advance(seconds * 1000);
      return ok(app.clock.state());
    }
    case 'DELETE /clock':
      app.clock.reset();
      return ok(app.clock.state());
    case 'GET /faults':
      return ok(app.faults.list());
    case 'POST /faults': {
      const body = await jsonBody(req);
      if (!body.ok) return body.reply;
      const rule = parseFault(body.value);
      if (typeof rule === 'string') return bad(rule);
      return ok(app.faults.add(rule), 201);
    }
    case 'DELETE /faults':
      app.faults.clear();
      return { status: 204 };
    case 'POST /reset':
      resetAndSeed(app.db, app.clock.now());
      app.faults.clear();
      return ok(snapshot(app));
  }
  if (seg[0] === 'faults' && seg.length === 2 && route.startsWith('DELETE ')) {
    return app.faults.remove(Number(seg[1])) ? { status: 204 } : bad('unknown fault', 404);
  }
  if (seg[0] === 'passholders' && seg[2] === 'points' && seg.length === 3 && route.startsWith('PUT ')) {
    const body = await jsonBody(req);
    if (!body.ok) return body.reply;
    const points = (body.value as { points?: unknown }).points;
    if (typeof points !== 'number' || !Number.isInteger(points) || points < 0)
      return bad('points must be a non-negative integer');
    const changed = app.db
      .prepare('UPDATE passholders SET points = ? WHERE id = ?')
      .run(points, seg[1]).changes;
    return changed === 1 ? ok({ passholderId: seg[1], points }) : bad('unknown passholder', 404);
  }
  return bad(`no admin route ${route}`, 404);
}
