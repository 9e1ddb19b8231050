// The viewer's session and its renewal: one refresh at a time per browser.
//
// Where the session lives: the refresh token in an HttpOnly cookie that auth-service sets and that
// no script of this page can read (a script injected into the page could not carry it away); the
// access token in this tab's memory only (gone at a reload, renewed then through the cookie); in
// localStorage only who is signed in, for the tabs to show it and follow one another's logins.
//
// Why one at a time: auth-service spends a refresh token when it is used, and takes a spent one
// presented again for a stolen copy, revoking the whole session. Two refreshes sent together (two
// tabs, or a poll and a click) would present the same cookie twice. So the tabs take turns
// (refresh-turns.js), and each turn sends the cookie the previous turn received: the browser keeps
// one cookie jar for all its tabs and stores a response's cookies before the page sees the response.
// A tab that renewed tells the others its new access token (a BroadcastChannel), which saves them a
// refresh of their own when it arrives before their turn; when it arrives later, they refresh too.

import { oneTabAtATime } from "./refresh-turns.js";

const SESSION_KEY = "cinema.session";
const REFRESH = "/api/v1/auth/session/refresh";
const LOGOUT = "/api/v1/auth/session/logout";
// What auth-service is told so that it answers with the cookie instead of the refresh token in the body.
export const COOKIE_MODE = { "X-Refresh-Token": "cookie" };

// Earlier versions of this page kept the tokens themselves there: forgotten (the viewer signs in again).
const former = parse(localStorage.getItem(SESSION_KEY));
if (typeof former === "object" && former && ("access" in former || "refresh" in former)) localStorage.removeItem(SESSION_KEY);

// This tab's access token and the login it belongs to ({ id, access }); never written to any storage.
let held = null;

const tabs = "BroadcastChannel" in window ? new BroadcastChannel(SESSION_KEY) : null;
if (tabs) {
  tabs.onmessage = (event) => {
    const { id, access } = event.data || {};
    if (typeof id !== "string" || typeof access !== "string") return;
    // Kept even before this tab has read the login it belongs to (the storage event may come after
    // the message): currentSession() pairs them up. A late one of an earlier login does not replace
    // a token of the current one.
    const signedIn = parse(localStorage.getItem(SESSION_KEY));
    if (!held || !signedIn || held.id !== signedIn.id || id === signedIn.id) held = { id, access };
  };
}

/**
 * The session this browser holds ({ login, id, access }), or null when nobody is signed in. `id`
 * tells one login from the next (even of the same viewer); `access` is null when this tab has no
 * access token for it yet (after a reload, or a login in another tab).
 */
export function currentSession() {
  const signedIn = parse(localStorage.getItem(SESSION_KEY));
  if (!signedIn || typeof signedIn.login !== "string" || typeof signedIn.id !== "string") return null;
  return { login: signedIn.login, id: signedIn.id, access: held && held.id === signedIn.id ? held.access : null };
}

/** A login has just succeeded (auth-service set the cookies): every tab of this browser follows it. */
export function startSession(login, access) {
  // crypto.randomUUID exists only in secure contexts; this names a login, it guards nothing
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  localStorage.setItem(SESSION_KEY, JSON.stringify({ login, id }));
  hold(id, access);
}

/**
 * Logs out: forgets the session in every tab (they follow through the storage event), and asks
 * auth-service to end it and clear the cookies. Takes no turn: a renewal under way meanwhile finds
 * the session gone and drops what it got.
 */
export function endSession() {
  const ending = currentSession();
  forget();
  if (ending) {
    fetch(LOGOUT, { method: "POST", headers: { "X-CSRF-Token": csrfToken() } }).catch(() => {});
  }
}

/**
 * Calls `changed` when another tab logged in or logged out: the storage event fires in every tab of
 * the browser except the one that wrote. (A renewal writes no storage: it changes nothing to show.)
 */
export function onSessionChangedElsewhere(changed) {
  window.addEventListener("storage", (event) => {
    // a null key is localStorage.clear() (or the site's data cleared), which ends the session too
    if (event.key !== SESSION_KEY && event.key !== null) return;
    if (!currentSession()) held = null; // logged out there: the access token goes from this tab's memory too
    changed();
  });
}

// This tab's renewal in flight: every request refused meanwhile waits for it instead of starting its own.
let renewal = null;

/**
 * A new access token in place of the one `refused` had (null after a reload): the renewed session,
 * or null when it is over (auth-service refused the cookie, or another tab logged out or in).
 * Throws when auth-service could not be asked (network down, 5xx): the session is kept then, as its
 * cookie may well still be good.
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
  // Read again now that this tab holds the turn: while it waited, another tab (or an earlier
  // renewal in this one) may have renewed already and handed the access token on: use that.
  const now = currentSession();
  if (!now || now.id !== refused.id) return null; // logged out, or a new login: not this request's session
  if (now.access && now.access !== refused.access) return now;

  const response = await fetch(REFRESH, {
    method: "POST",
    headers: { ...COOKIE_MODE, "X-CSRF-Token": csrfToken(), Accept: "application/json" },
  });
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    // No cookie, or a spent, expired or revoked one, or no CSRF token to go with it: only a new login
    // helps. Forgotten here, within the turn, so that no tab waiting for it tries again.
    forgetIfStill(now);
    return null;
  }
  // A failed answer (502, 503, 504: nginx bounds the wait at its 30 s timeout, so the turn is never
  // held for ever) says nothing about the cookie.
  if (!response.ok) throw new Error(`auth-service answered the refresh with ${response.status}`);
  const tokens = await response.json();
  if (!sameSession(currentSession(), now)) return null; // logged out (or in anew) in another tab meanwhile
  hold(now.id, tokens.access_token);
  return currentSession();
}

/** Ends the session unless another tab has replaced it meanwhile (a new login must not be erased). */
export function forgetIfStill(session) {
  if (sameSession(currentSession(), session)) forget();
}

function forget() {
  localStorage.removeItem(SESSION_KEY);
  held = null;
}

function hold(id, access) {
  held = { id, access };
  if (tabs) tabs.postMessage(held);
}

function sameSession(one, other) {
  return Boolean(one && other && one.id === other.id);
}

/** The double-submit token auth-service set at login, which it wants back in X-CSRF-Token with the cookie. */
function csrfToken() {
  const pair = document.cookie.split("; ").find((cookie) => cookie.startsWith("csrf_token="));
  return pair ? decodeURIComponent(pair.slice("csrf_token=".length)) : "";
}

function parse(json) {
  try {
    return JSON.parse(json) || null;
  } catch {
    return null;
  }
}
