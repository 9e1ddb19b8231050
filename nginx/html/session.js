// The viewer's session (their login and tokens) and its renewal: one refresh at a time per browser.
//
// Why one at a time: auth-service spends a refresh token when it is used, and takes a spent one
// presented again for a stolen copy, revoking the whole session. Two requests refused together (two
// tabs, or a poll and a click) must therefore not both refresh: the first one refreshes, the others
// use the tokens it got.
//
// The session lives in localStorage, read afresh for every request, so that every tab of this
// browser sends the newest tokens, whichever tab obtained them. The tabs take turns at renewing it
// and hand each renewal on through refresh-turns.js.

import { forgetRenewal, oneTabAtATime, recordRenewal, renewalOf } from "./refresh-turns.js";

const SESSION_KEY = "cinema.session";

/** The session this browser holds ({ login, access, refresh }), or null when nobody is signed in. */
export function currentSession() {
  return parse(localStorage.getItem(SESSION_KEY));
}

/** Keeps the session for every tab of this browser; null ends it. */
export function storeSession(next) {
  if (next) {
    localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  } else {
    localStorage.removeItem(SESSION_KEY);
    forgetRenewal();
  }
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
  // This tab's copy of localStorage may not have the other tab's write yet; the record has it.
  const handedOn = await renewalOf(stored.refresh);
  if (handedOn) return handedOn;

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
  await recordRenewal(stored.refresh, renewed); // before the lock is let go
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
