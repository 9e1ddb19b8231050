// The viewer's session (their login and tokens) and its renewal: one refresh at a time per browser.
//
// Why one at a time: auth-service spends a refresh token when it is used, and takes a spent one
// presented again for a stolen copy, revoking the whole session. Two requests refused together (two
// tabs, or a poll and a click) must therefore not both refresh: the first one refreshes, the others
// use the tokens it got.
//
// The session lives in localStorage and nowhere else, read afresh for every request, so that every
// tab of this browser sends the newest tokens, whichever tab obtained them.

const SESSION_KEY = "cinema.session";
const LOCK_NAME = "cinema.refresh";
const LEASE_KEY = "cinema.refresh-lease";
// Longer than a refresh takes. A tab that dies holding the lease (a crash: a closed tab gives it
// back on pagehide) makes the others wait this long at most.
const LEASE_MS = 15000;
// How long a tab that wrote the lease waits for a rival write to land before it trusts its own.
const LEASE_SETTLE_MS = 50;
const LEASE_POLL_MS = 100;

/** The session this browser holds ({ login, access, refresh }), or null when nobody is signed in. */
export function currentSession() {
  return parse(localStorage.getItem(SESSION_KEY));
}

/** Keeps the session for every tab of this browser; null ends it. */
export function storeSession(next) {
  if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else localStorage.removeItem(SESSION_KEY);
}

/**
 * Calls `changed` when another tab logged in, logged out or renewed the tokens: the storage event
 * fires in every tab of the browser except the one that wrote.
 */
export function onSessionChangedElsewhere(changed) {
  window.addEventListener("storage", (event) => {
    // a null key is localStorage.clear() (or the site's data cleared), which ends the session too
    if (event.key === SESSION_KEY || event.key === null) changed();
  });
}

// This tab's renewal in flight: every request refused meanwhile waits for it instead of starting its own.
let renewal = null;

/**
 * A new session in place of `refused`, whose access token a service refused: the renewed session,
 * or null when it is over (auth-service refused the refresh token, or another tab logged out).
 * Throws when auth-service could not be asked (network down, 5xx): the session is kept then, as its
 * refresh token may well still be good.
 */
export function renewSession(refused) {
  if (!renewal) {
    renewal = oneTabAtATime(() => renewUnlessRenewed(refused)).finally(() => {
      renewal = null;
    });
  }
  return renewal;
}

async function renewUnlessRenewed(refused) {
  // Read again now that this tab holds the lock: while it waited, another tab (or an earlier renewal
  // in this one) may have renewed the session already, and its refresh token is spent: use theirs.
  const stored = currentSession();
  if (!stored || stored.login !== refused.login) return null; // logged out, or someone else logged in
  if (stored.refresh !== refused.refresh) return stored;

  const response = await fetch("/api/v1/auth/refresh", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ refresh_token: stored.refresh }),
  });
  if (response.status === 400 || response.status === 401) {
    // Spent, expired or revoked: only a new login helps. Forgotten here, under the lock, so that no
    // tab waiting for it tries the same dead token again.
    forgetIfStill(stored);
    return null;
  }
  // A failed answer (502, 503, 504: nginx bounds the wait at its 30 s timeout, so the lock is never
  // held for ever) says nothing about the token.
  if (!response.ok) throw new Error(`auth-service answered the refresh with ${response.status}`);
  const tokens = await response.json();
  // Logging out takes no lock: a viewer who logged out in another tab meanwhile stays logged out.
  if (!sameSession(currentSession(), stored)) return null;
  const renewed = { ...stored, access: tokens.access_token, refresh: tokens.refresh_token };
  storeSession(renewed);
  return renewed;
}

/** Ends the session unless another tab has replaced it meanwhile (a new login must not be erased). */
export function forgetIfStill(session) {
  if (sameSession(currentSession(), session)) storeSession(null);
}

function sameSession(one, other) {
  return Boolean(one && other && one.refresh === other.refresh);
}

function parse(json) {
  try {
    return JSON.parse(json) || null;
  } catch {
    return null;
  }
}

// ---- one tab at a time -------------------------------------------------------------------------

// The Web Locks API queues the tabs of a browser on a named lock, and gives the lock back when a
// tab closes or crashes. It is missing in old browsers and on pages served over plain HTTP from
// anywhere but the machine itself (it exists only in secure contexts): a lease in localStorage
// stands in for it there.
function oneTabAtATime(work) {
  if (navigator.locks) return navigator.locks.request(LOCK_NAME, { mode: "exclusive" }, work);
  return underLease(work);
}

// Names this tab's lease (crypto.randomUUID, too, exists only in secure contexts).
const TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

async function underLease(work) {
  await takeLease();
  try {
    return await work();
  } finally {
    releaseLease();
  }
}

async function takeLease() {
  for (;;) {
    const lease = parse(localStorage.getItem(LEASE_KEY));
    if (!lease || lease.until < Date.now()) {
      localStorage.setItem(LEASE_KEY, JSON.stringify({ tab: TAB, until: Date.now() + LEASE_MS }));
      // localStorage has no compare-and-set: two tabs may find the lease free together, and the
      // last write wins. Each waits a moment and goes on only if its own write is the one that stayed.
      // Should two still go on together, the second one finds the tokens renewed when it reads them.
      await pause(LEASE_SETTLE_MS);
      if (holdsLease()) return;
    }
    await pause(LEASE_POLL_MS);
  }
}

function holdsLease() {
  const lease = parse(localStorage.getItem(LEASE_KEY));
  return Boolean(lease && lease.tab === TAB);
}

function releaseLease() {
  if (holdsLease()) localStorage.removeItem(LEASE_KEY);
}

// A tab closed in the middle of a refresh gives the lease back at once, not after LEASE_MS.
window.addEventListener("pagehide", releaseLease);

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
