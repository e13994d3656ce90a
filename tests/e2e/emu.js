// telegram-test-api 4.2.1 + a thin compatibility shim for python-telegram-bot v22.
//
// Run:  PORT=9000 node emu.js            (listens on 127.0.0.1:PORT)
// Bot:  base_url="http://127.0.0.1:PORT/bot", base_file_url="http://127.0.0.1:PORT/file/bot"
//
// What the shim fixes/adds (everything else is the unmodified emulator):
//  * getMe: adds is_bot (PTB's User() requires it -> Application.initialize() crashes without it)
//  * bot-sent messages: date in SECONDS (emulator uses ms -> PTB "year 58875 is out of range"),
//    plus `from` = the bot user, and link_preview_options/reply_parameters as objects, not JSON text
//    (PTB cannot read a Message whose link_preview_options is a string) [nqbot]
//  * callback_query updates: adds chat_instance and a complete `message` (PTB requires them)
//  * getUpdates: honours `timeout` as real long polling (emulator always answers at once)
//  * editMessageText/editMessageReplyMarkup: return the edited Message (emulator returns null,
//    PTB then raises AttributeError), with link_preview_options as an object [nqbot]
//  * no-op stubs (result true) for setMyCommands, sendChatAction, answerInlineQuery, ...
//  * sendDocument/sendPhoto (urlencoded file_id or multipart upload) + getFile + file download
//  * unknown methods -> 404 {"ok":false,"description":"Not Found: method X not emulated"}
//    (PTB raises InvalidToken, as with real Telegram) instead of 500 (PTB: NetworkError)
//  * Telegram-like 400s: bad HTML for parse_mode=HTML, empty text, text > 4096 chars
//  * webhooks: sends X-Telegram-Bot-Api-Secret-Token when setWebhook had secret_token
//  * client extras (JSON POST):
//      /sendUpdate {botToken, update}   push ANY raw update (inline_query, edited_message, ...)
//      /waitUpdates {token, chatId|"*", timeout}  long-poll version of the client /getUpdates
//      /getCalls {token, method?}       every bot API call received (bodies), for assertions
//      /uploadFile {name, mime, base64} a file a fake user sends: returns a Document object
//      /getStatus {token}               {lastPoll, pendingUserUpdates, botMessages} (readiness)
//      /reset                           clear messages, calls, files, webhooks
//  * unhandled promise rejections are logged instead of killing the process (Node >= 15)
'use strict';

const TelegramServer = require('telegram-test-api');
// use the emulator's own copies (robust against npm hoisting differences)
const fromEmu = (m) => require(require.resolve(m, { paths: [require.resolve('telegram-test-api')] }));
const express = fromEmu('express');
const axios = fromEmu('axios');

const PORT = Number(process.env.PORT || 9000);
const HOST = process.env.HOST || '127.0.0.1';
const STORE_TIMEOUT = Number(process.env.STORE_TIMEOUT || 60); // seconds
const MAX_LONGPOLL_S = Number(process.env.MAX_LONGPOLL_S || 30);

const BOT_USER = {
  id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true,
};

process.on('unhandledRejection', (err) => console.error('[emu] unhandled rejection:', err && err.message));

// ---- patches on the emulator class -------------------------------------------------------
const chatWaiters = new Map(); // `${token}|${chatId}` -> Set(callback), for the client's /waitUpdates
const origAddBotMessage = TelegramServer.prototype.addBotMessage;
const JSON_FIELDS = ['link_preview_options', 'reply_parameters']; // form-encoded as JSON text by PTB
TelegramServer.prototype.addBotMessage = function addBotMessage(rawMessage, botToken) {
  for (const field of JSON_FIELDS) {
    if (typeof rawMessage[field] === 'string') {
      try { rawMessage[field] = JSON.parse(rawMessage[field]); } catch (e) { /* leave it as sent */ }
    }
  }
  const msg = origAddBotMessage.call(this, rawMessage, botToken);
  for (const key of [`${botToken}|${String(rawMessage.chat_id)}`, `${botToken}|*`]) {
    const waiters = chatWaiters.get(key);
    if (waiters) setImmediate(() => waiters.forEach((cb) => cb()));
  }
  msg.date = Math.floor(msg.date / 1000);
  msg.from = BOT_USER;
  delete msg.chat_id; // not a Message field
  if (typeof msg.entities === 'string') msg.entities = JSON.parse(msg.entities);
  return msg;
};

// webhooks: send X-Telegram-Bot-Api-Secret-Token like Telegram does (PTB answers 403 without it)
const origAddUserUpdate = TelegramServer.prototype.addUserUpdate;
TelegramServer.prototype.addUserUpdate = async function addUserUpdate(update) {
  const wh = update && this.webhooks[update.botToken];
  if (!wh || !wh.secret_token) return origAddUserUpdate.call(this, update);
  await axios({
    url: wh.url, method: 'POST', data: TelegramServer.formatUpdate(update),
    headers: { 'X-Telegram-Bot-Api-Secret-Token': wh.secret_token },
  });
  this.updateId++;
  return undefined;
};

const origFormatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = function formatUpdate(update) {
  if (update.rawUpdate) return { update_id: update.updateId, ...update.rawUpdate };
  const out = origFormatUpdate(update);
  if (out.callback_query) {
    const cq = out.callback_query;
    const m = cq.message || {};
    const chatId = (m.chat && m.chat.id) || (cq.from && cq.from.id) || 1;
    cq.chat_instance = update.callbackQuery.chat_instance || String(chatId);
    cq.message = {
      message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' },
      ...m,
    };
  }
  if (out.message) delete out.message.botToken;
  return out;
};

// ---- server ------------------------------------------------------------------------------
const server = new TelegramServer({ port: PORT, host: HOST, storeTimeout: STORE_TIMEOUT });
const inner = server.webServer;
const app = express();
const calls = []; // {token, method, body, time}
const lastPoll = {}; // token -> ms of last getUpdates (readiness probe for tests)
const files = new Map(); // file_id -> {buf, name, mime}
let fileSeq = 1;

app.use(express.json({ limit: '50mb' }));
app.use(express.urlencoded({ extended: true, limit: '50mb' }));
app.use(express.raw({ type: 'multipart/form-data', limit: '50mb' }));

// multipart (PTB uses it only when uploading files): parse with Node 20's built-in undici
app.use(async (req, res, next) => {
  if (!Buffer.isBuffer(req.body)) return next();
  try {
    const fd = await new Response(req.body, { headers: { 'content-type': req.headers['content-type'] } }).formData();
    const body = {};
    for (const [k, v] of fd.entries()) {
      if (typeof v === 'string') body[k] = v;
      else body[k] = { upload: true, name: v.name, type: v.type, buf: Buffer.from(await v.arrayBuffer()) };
    }
    // PTB refers to uploads as attach://<field>
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string' && v.startsWith('attach://')) body[k] = body[v.slice(9)];
    }
    req.body = body;
    next();
  } catch (e) { next(e); }
});

const ok = (res, result) => res.json({ ok: true, result });
const badRequest = (res, description) => res.status(400).json({ ok: false, error_code: 400, description: `Bad Request: ${description}` });

// Telegram-like checks the raw emulator skips: HTML entity parsing, empty text, 4096 limit.
const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler',
  'a', 'tg-emoji', 'code', 'pre', 'blockquote']);
function htmlToPlain(text) { // returns [plain, error]
  const stack = [];
  let plain = '';
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>|<|&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?|[^<&]+|&/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const [tok, close, tag] = m;
    if (tag !== undefined) {
      const t = tag.toLowerCase();
      if (!HTML_TAGS.has(t)) return [null, `can't parse entities: Unsupported start tag "${t}" at byte offset ${Buffer.byteLength(text.slice(0, m.index))}`];
      if (close) {
        const open = stack.pop();
        if (open !== t) return [null, `can't parse entities: Unmatched end tag at byte offset ${Buffer.byteLength(text.slice(0, m.index))}, expected "</${open || ''}>", found "</${t}>"`];
      } else stack.push(t);
    } else if (tok === '<') {
      return [null, `can't parse entities: Unsupported start tag at byte offset ${Buffer.byteLength(text.slice(0, m.index))}`];
    } else if (tok.startsWith('&') && m[4] !== undefined) {
      const e = m[4];
      const named = { lt: '<', gt: '>', amp: '&', quot: '"' };
      if (e[0] === '#') plain += String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      else if (named[e] !== undefined) plain += named[e];
      else return [null, `can't parse entities: Unsupported HTML entity "&${e};"`];
    } else plain += tok;
  }
  if (stack.length) return [null, `can't parse entities: Can't find end tag corresponding to start tag "${stack.pop()}"`];
  return [plain, null];
}
function checkText(text, parseMode) {
  let plain = String(text);
  if (parseMode && String(parseMode).toUpperCase() === 'HTML') {
    const [p, err] = htmlToPlain(plain);
    if (err) return err;
    plain = p;
  }
  if (!plain.trim()) return 'message text is empty';
  if (plain.length > 4096) return 'message is too long'; // JS length == UTF-16 units, like Telegram
  return null;
}
const route = (method, fn) => app.all(`/bot:token/${method}`, fn);

// record every bot call (for assertions), then dispatch
app.all('/bot:token/:method', (req, _res, next) => {
  const body = {};
  for (const [k, v] of Object.entries({ ...req.query, ...(req.body || {}) })) {
    body[k] = v && v.upload ? { name: v.name, size: v.buf.length } : v;
  }
  if (req.params.method !== 'getUpdates') {
    calls.push({ token: req.params.token, method: req.params.method, body, time: Date.now() });
    if (calls.length > 100000) calls.splice(0, calls.length - 100000);
  }
  next();
});

route('getMe', (_req, res) => ok(res, BOT_USER));
route('sendMessage', (req, res, next) => {
  const err = checkText(req.body.text === undefined ? '' : req.body.text, req.body.parse_mode);
  return err ? badRequest(res, err) : next(); // next(): the emulator's own sendMessage stores it
});

route('getUpdates', (req, res) => {
  const { token } = req.params;
  lastPoll[token] = Date.now();
  const params = { ...req.query, ...req.body };
  const timeout = Math.min(Number(params.timeout || 0), MAX_LONGPOLL_S);
  const pending = () => server.storage.userMessages.some((u) => u.botToken === token && !u.isRead);
  if (timeout <= 0 || pending()) return ok(res, server.getUpdates(token));
  let done = false;
  const events = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery', 'AddedUserRawUpdate'];
  const finish = (deliver) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    events.forEach((e) => server.off(e, onEvent));
    if (deliver) ok(res, server.getUpdates(token));
  };
  const onEvent = () => { if (pending()) finish(true); };
  const timer = setTimeout(() => finish(true), timeout * 1000);
  events.forEach((e) => server.on(e, onEvent));
  // NB: use res 'close' - on Node >= 16 req 'close' fires as soon as the body is read
  res.on('close', () => { if (!res.writableEnded) finish(false); }); // client gave up: deliver nothing
});

const findBotMessage = (body) => server.storage.botMessages.find(
  (u) => String(u.messageId) === String(body.message_id) && String(u.message.chat_id) === String(body.chat_id),
);
const asMessage = (u) => {
  const m = { ...u.message };
  const chatId = Number(m.chat_id);
  delete m.chat_id;
  return {
    ...m, message_id: u.messageId, date: Math.floor(u.time / 1000), from: BOT_USER,
    chat: { id: chatId, first_name: 'Bot', type: 'private' }, edit_date: Math.floor(Date.now() / 1000),
  };
};
for (const method of ['editMessageText', 'editMessageReplyMarkup', 'editMessageCaption']) {
  route(method, (req, res) => {
    if (req.body.inline_message_id) return ok(res, true);
    const u = findBotMessage(req.body);
    if (!u) return res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: message to edit not found' });
    const body = TelegramServer.normalizeMessage({ ...req.body });
    delete body.message_id; delete body.chat_id; delete body.inline_message_id;
    for (const field of JSON_FIELDS) { // as for sent messages: PTB cannot read them as JSON text [nqbot]
      if (typeof body[field] === 'string') { try { body[field] = JSON.parse(body[field]); } catch (e) { /* as sent */ } }
    }
    if (body.text !== undefined) { const err = checkText(body.text, body.parse_mode); if (err) return badRequest(res, err); }
    // like Telegram: an edit without reply_markup removes the inline keyboard
    if (!body.reply_markup) delete u.message.reply_markup;
    u.message = { ...u.message, ...body };
    server.emit(method === 'editMessageReplyMarkup' ? 'EditedMessageReplyMarkup' : 'EditedMessageText');
    return ok(res, asMessage(u));
  });
}

// media: store as a bot message that carries the file object
const MEDIA = { sendDocument: 'document', sendPhoto: 'photo', sendAudio: 'audio', sendVideo: 'video', sendVoice: 'voice' };
for (const [method, field] of Object.entries(MEDIA)) {
  route(method, (req, res) => {
    const { token } = req.params;
    const input = req.body[field];
    let file;
    if (input && input.upload) {
      const id = `emu-file-${fileSeq++}`;
      files.set(id, { buf: input.buf, name: input.name, mime: input.type });
      file = { file_id: id, file_unique_id: id, file_size: input.buf.length, file_name: input.name, mime_type: input.type };
    } else {
      file = { file_id: String(input), file_unique_id: String(input) };
    }
    const raw = { ...req.body };
    delete raw[field];
    raw[field] = field === 'photo' ? [{ ...file, width: 1, height: 1 }] : file;
    ok(res, server.addBotMessage(raw, token));
  });
}
route('getFile', (req, res) => {
  const id = req.body.file_id || req.query.file_id;
  const f = files.get(id);
  ok(res, { file_id: id, file_unique_id: id, file_size: f ? f.buf.length : 0, file_path: `files/${id}` });
});
app.get('/file/bot:token/files/:id', (req, res) => {
  const f = files.get(req.params.id);
  if (!f) return res.status(404).end();
  res.type(f.mime || 'application/octet-stream').send(f.buf);
});

// harmless methods: accept and return true (the call is still visible via /getCalls)
const STUB_TRUE = ['setMyCommands', 'deleteMyCommands', 'sendChatAction', 'answerInlineQuery',
  'setChatMenuButton', 'setMyDescription', 'setMyShortDescription', 'setMyName',
  'setMessageReaction', 'pinChatMessage', 'unpinChatMessage', 'logOut', 'close', 'answerCallbackQuery'];
STUB_TRUE.forEach((m) => route(m, (_req, res) => ok(res, true)));
route('getMyCommands', (req, res) => {
  const last = calls.filter((c) => c.token === req.params.token && c.method === 'setMyCommands').pop();
  let cmds = last ? last.body.commands : [];
  if (typeof cmds === 'string') cmds = JSON.parse(cmds);
  ok(res, cmds);
});
route('getWebhookInfo', (req, res) => {
  const wh = server.webhooks[req.params.token];
  ok(res, { url: wh ? wh.url : '', has_custom_certificate: false, pending_update_count: 0 });
});

// client extras
app.post('/sendUpdate', (req, res) => {
  const { botToken, update } = req.body || {};
  if (!botToken || !update) return res.status(400).json({ ok: false, description: 'need botToken and update' });
  server.addUserUpdate({ ...server.getCommonFields(botToken), rawUpdate: update })
    .then(() => { server.emit('AddedUserRawUpdate'); ok(res, null); })
    .catch((e) => res.status(500).json({ ok: false, description: e.message }));
});
// a file a fake user is about to send (e.g. a document): {name, mime, base64} -> {file_id, ...};
// put the returned object into a message's `document` field and push it with /sendUpdate
app.post('/uploadFile', (req, res) => {
  const { name, mime, base64 } = req.body || {};
  if (typeof base64 !== 'string') return res.status(400).json({ ok: false, description: 'need base64' });
  const id = `emu-file-${fileSeq++}`;
  const buf = Buffer.from(base64, 'base64');
  files.set(id, { buf, name: name || 'file', mime: mime || 'application/octet-stream' });
  ok(res, { file_id: id, file_unique_id: id, file_size: buf.length, file_name: name || 'file',
    mime_type: mime || 'application/octet-stream' });
});
app.post('/getStatus', (req, res) => {
  const { token } = req.body || {};
  ok(res, {
    lastPoll: lastPoll[token] || null,
    pendingUserUpdates: server.storage.userMessages.filter((u) => u.botToken === token && !u.isRead).length,
    botMessages: server.storage.botMessages.filter((u) => u.botToken === token).length,
  });
});
app.post('/reset', (_req, res) => { // fresh state between tests without restarting the process
  server.storage.userMessages = []; server.storage.botMessages = []; calls.length = 0; files.clear();
  Object.keys(lastPoll).forEach((k) => delete lastPoll[k]);
  Object.keys(server.webhooks).forEach((k) => delete server.webhooks[k]);
  ok(res, true);
});
// client long polling: like the emulator's POST /getUpdates {token, chatId}, but waits up to
// `timeout` seconds (default 10) for at least one unread bot message in that chat
// chatId "*" (or omitted) = every chat of that bot: one connection can serve many fake users
const takeBotMessages = (token, chatId) => {
  const all = chatId === undefined || chatId === null || chatId === '*';
  const msgs = server.storage.botMessages.filter((u) => u.botToken === token
    && (all || String(u.message.chat_id) === String(chatId)) && !u.isRead);
  msgs.forEach((u) => { u.isRead = true; });
  return msgs;
};
app.post('/waitUpdates', (req, res) => {
  const { token, chatId } = req.body || {};
  const timeout = Math.min(Number((req.body || {}).timeout ?? 10), MAX_LONGPOLL_S);
  const first = takeBotMessages(token, chatId);
  if (first.length || timeout <= 0) return ok(res, first);
  const key = `${token}|${chatId === undefined || chatId === null ? '*' : String(chatId)}`;
  if (!chatWaiters.has(key)) chatWaiters.set(key, new Set());
  const set = chatWaiters.get(key);
  let done = false;
  const finish = (deliver) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    set.delete(cb);
    if (!set.size) chatWaiters.delete(key);
    if (deliver) ok(res, takeBotMessages(token, chatId));
  };
  const cb = () => finish(true);
  const timer = setTimeout(() => finish(true), timeout * 1000);
  set.add(cb);
  res.on('close', () => { if (!res.writableEnded) finish(false); });
});
app.post('/getCalls', (req, res) => {
  const { token, method } = req.body || {};
  ok(res, calls.filter((c) => (!token || c.token === token) && (!method || c.method === method)));
});
// guard the emulator's client routes: a missing botToken would otherwise crash Node
app.post(['/sendMessage', '/sendCommand', '/sendCallback'], (req, res, next) => {
  if (!req.body || !req.body.botToken) return res.status(400).json({ ok: false, description: 'botToken missing' });
  next();
});

app.use(inner); // everything else: the unmodified emulator
app.use((req, res) => res.status(404).json({ ok: false, error_code: 404, description: `Not Found: ${req.path}` }));

// unknown bot methods: make the emulator's catch-all answer a Bot-API-shaped 404
const unknownIdx = inner._router.stack.findIndex((l) => l.route && l.route.path === '/bot:token/:method');
if (unknownIdx >= 0) {
  inner._router.stack[unknownIdx].route.stack.forEach((l) => {
    l.handle = (req, res) => res.status(404).json({
      ok: false, error_code: 404, description: `Not Found: method ${req.params.method} not emulated`,
    });
  });
}

server.webServer = app; // start() builds its http server from this.webServer
server.start().then(() => console.log(`[emu] telegram-test-api+shim on ${server.config.apiURL}`));
const stop = () => server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
