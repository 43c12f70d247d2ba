// Preloaded into Prisma's CLI on PostgreSQL: after `migrate deploy` the CLI keeps a 10 s timer
// alive; unref-ing long timers lets it exit as soon as its work is done (about 1 s).
const original = global.setTimeout;
global.setTimeout = function (fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
