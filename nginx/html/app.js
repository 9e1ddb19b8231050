// The web page of the platform: the home feed, search and film pages, and the four buttons on every
// film. Plain DOM and fetch, no build step; every text from the API goes in through textContent.

import {
  COOKIE_MODE, currentSession, endSession, forgetIfStill, onSessionChangedElsewhere, renewSession, startSession,
} from "./session.js";

const PAGE_SIZE = 24;
const POLL_EVERY_MS = 2000;
const POLL_TIMES = 12;

const $ = (id) => document.getElementById(id);

// ---- the API -------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The server answered ${status}.`);
    this.status = status;
  }
}

// A refused access token (expired, or refused by a service) is renewed once and the request sent
// again; requests refused together, in this tab or in others, share that one renewal (session.js).
// A tab without an access token yet (the page was reloaded) renews before it asks.
async function call(method, path, body, extraHeaders) {
  let used = currentSession();
  if (used && !used.access) {
    used = await renewed(used);
    if (!used) showSignedOut();
  }
  let response = await send(method, path, body, used, extraHeaders);
  if (response.status === 401 && used) {
    const next = await renewed(used);
    if (next) {
      response = await send(method, path, body, next, extraHeaders);
      // tokens refused the moment they were issued: nothing but a new login helps
      if (response.status === 401) forgetIfStill(next);
    }
    // the session ended in this tab: the storage event that redraws the other tabs does not fire here
    if (!currentSession()) showSignedOut();
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

// The renewed session, or null when it has ended.
async function renewed(used) {
  try {
    return await renewSession(used);
  } catch {
    throw new ApiError(0, { detail: "Your session could not be renewed just now; try again in a moment." });
  }
}

async function send(method, path, body, session, extraHeaders) {
  const headers = { Accept: "application/json", ...extraHeaders };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (session) headers.Authorization = `Bearer ${session.access}`;
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: "The platform is not reachable; check your connection." });
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// ---- what the viewer said about films ---------------------------------------------------------

// Read once per session (at start and at login) and kept up to date by the buttons.
const verdicts = { reactions: new Map(), excluded: new Set() };

function forgetVerdicts() {
  verdicts.reactions.clear();
  verdicts.excluded.clear();
}

async function loadVerdicts() {
  forgetVerdicts();
  if (!currentSession()) return;
  await eachItem("/api/v1/reactions", (reaction) => verdicts.reactions.set(reaction.filmId, reaction.value));
  await eachItem("/api/v1/exclusions", (exclusion) => verdicts.excluded.add(exclusion.filmId));
}

// The items of a paged listing, 100 at a time, at most 1,000.
async function eachItem(path, use) {
  for (let page = 0; page < 10; page++) {
    const listing = await call("GET", `${path}?page=${page}&size=100`);
    listing.items.forEach(use);
    if ((page + 1) * 100 >= listing.total) break;
  }
}

// ---- messages ------------------------------------------------------------------------------

function notify(text) {
  $("error").textContent = "";
  $("notice").textContent = text;
}

function fail(error) {
  $("notice").textContent = "";
  $("error").textContent = error instanceof ApiError ? error.message : "Something went wrong; try again.";
}

// ---- account -------------------------------------------------------------------------------

let authMode = "login";
// Whose page this tab shows (a login, or null): tells a login or logout in another tab from a mere
// renewal of the tokens there.
let shownFor = null;

function renderAccount() {
  const session = currentSession();
  const signedIn = Boolean(session);
  shownFor = signedIn ? session.login : null;
  $("signed-in-as").hidden = !signedIn;
  $("signed-in-as").textContent = signedIn ? `Signed in as ${session.login}` : "";
  $("logout").hidden = !signedIn;
  $("show-login").hidden = signedIn;
  $("show-register").hidden = signedIn;
  if (signedIn) $("auth-panel").hidden = true;
}

// This tab's page once its session has ended: nobody's verdicts, the login buttons.
function showSignedOut() {
  forgetVerdicts();
  renderAccount();
}

// Another tab logged in or out, and this one follows; a renewal of the tokens there changes nothing here.
async function followOtherTab() {
  const session = currentSession();
  if ((session ? session.login : null) === shownFor) return;
  if (session) await loadVerdicts().catch(fail);
  else forgetVerdicts();
  renderAccount();
  notify(session ? `Signed in as ${session.login} in another tab.` : "You logged out in another tab.");
  await route();
}

function showAuth(mode) {
  authMode = mode;
  const title = mode === "login" ? "Log in" : "Register";
  $("auth-title").textContent = title;
  $("auth-submit").textContent = title;
  $("auth-password").autocomplete = mode === "login" ? "current-password" : "new-password";
  $("auth-panel").hidden = false;
  $("auth-login").focus();
}

async function submitAuth(event) {
  event.preventDefault();
  const login = $("auth-login").value.trim();
  const password = $("auth-password").value;
  try {
    if (authMode === "register") {
      await call("POST", "/api/v1/auth/register", { login, password });
    }
    // the refresh token comes as an HttpOnly cookie, out of this page's reach
    const tokens = await call("POST", "/api/v1/auth/login", { login, password }, COOKIE_MODE);
    startSession(login, tokens.access_token);
    await loadVerdicts();
    $("auth-form").reset();
    renderAccount();
    notify(authMode === "register" ? `Welcome, ${login}! Like a few films and your feed becomes yours.` : `Welcome back, ${login}.`);
    await route();
  } catch (error) {
    fail(error);
  }
}

async function logout() {
  endSession(); // the other tabs follow through the storage event
  showSignedOut();
  notify("You are logged out.");
  if (location.hash === "#/") await route();
  else location.hash = "#/"; // routed by the hashchange
}

// ---- film cards ------------------------------------------------------------------------------

const BUTTONS = [
  { action: "like", label: "Like", pressed: (id) => verdicts.reactions.get(id) === "LIKE" },
  { action: "dislike", label: "Dislike", pressed: (id) => verdicts.reactions.get(id) === "DISLIKE" },
  { action: "more", label: "More like this", pressed: null },
  { action: "exclude", label: "Not interested", pressed: (id) => verdicts.excluded.has(id) },
];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function year(film) {
  return film.creationDate ? String(film.creationDate).slice(0, 4) : null;
}

function metaLine(film) {
  const meta = element("p", "meta");
  const parts = [];
  if (year(film)) parts.push(year(film));
  meta.textContent = parts.join(" · ");
  if (film.imdbRating !== null && film.imdbRating !== undefined) {
    if (parts.length) meta.append(" · ");
    const rating = element("span", "rating", `★ ${Number(film.imdbRating).toFixed(1)}`);
    rating.setAttribute("aria-label", `rated ${Number(film.imdbRating).toFixed(1)} out of 10`);
    meta.append(rating);
  }
  return meta;
}

function actions(film) {
  const group = element("div", "actions");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", `Your opinion of ${film.title}`);
  for (const button of BUTTONS) {
    const node = element("button", null, button.label);
    node.type = "button";
    node.dataset.action = button.action;
    node.setAttribute("aria-label", `${button.label}: ${film.title}`);
    if (button.pressed) node.setAttribute("aria-pressed", String(button.pressed(film.id)));
    node.addEventListener("click", () => act(button.action, film, node));
    group.append(node);
  }
  return group;
}

function card(film) {
  const item = element("li", "card");
  item.dataset.filmId = film.id;
  if (film.source) item.dataset.source = film.source;
  const title = element("h2");
  const link = element("a", null, film.title);
  link.href = `#/film/${film.id}`;
  title.append(link);
  item.append(title, metaLine(film));
  if (film.genres && film.genres.length) {
    item.append(element("p", "meta genres", film.genres.map((genre) => genre.name).join(", ")));
  }
  if (film.reason) {
    item.append(element("span", film.source === "popular" ? "reason popular" : "reason", film.reason));
  }
  item.append(actions(film));
  return item;
}

function refreshButtons(filmId) {
  document.querySelectorAll(`[data-film-id="${CSS.escape(filmId)}"] button[data-action]`).forEach((node) => {
    const button = BUTTONS.find((one) => one.action === node.dataset.action);
    if (button.pressed) node.setAttribute("aria-pressed", String(button.pressed(filmId)));
  });
}

// ---- the four buttons ----------------------------------------------------------------------

async function act(action, film, node) {
  if (!currentSession()) {
    notify("Log in to tell us what you like.");
    showAuth("login");
    return;
  }
  node.disabled = true;
  const id = encodeURIComponent(film.id);
  try {
    if (action === "like" || action === "dislike") {
      const value = action === "like" ? "LIKE" : "DISLIKE";
      if (verdicts.reactions.get(film.id) === value) {
        await call("DELETE", `/api/v1/reactions/${id}`);
        verdicts.reactions.delete(film.id);
        notify(`Your ${action} of ${film.title} is taken back.`);
      } else {
        await call("PUT", `/api/v1/reactions/${id}`, { value });
        verdicts.reactions.set(film.id, value);
        notify(action === "like" ? `You liked ${film.title}.` : `You disliked ${film.title}; it will not be suggested again.`);
      }
    } else if (action === "exclude") {
      if (verdicts.excluded.has(film.id)) {
        await call("DELETE", `/api/v1/exclusions/${id}`);
        verdicts.excluded.delete(film.id);
        notify(`${film.title} may be suggested again.`);
      } else {
        await call("PUT", `/api/v1/exclusions/${id}`);
        verdicts.excluded.add(film.id);
        notify(`${film.title} will not be suggested again.`);
      }
    } else {
      await call("POST", `/api/v1/films/${id}/more-like-this`);
      notify(`Looking for more films like ${film.title}…`);
    }
    refreshButtons(film.id);
    if (current.view === "feed") {
      if (verdicts.reactions.get(film.id) === "DISLIKE" || verdicts.excluded.has(film.id)) {
        document.querySelectorAll(`#view [data-film-id="${CSS.escape(film.id)}"]`).forEach((gone) => gone.remove());
      }
      prepareFeed();
    }
  } catch (error) {
    fail(error);
  } finally {
    node.disabled = false;
  }
}

// ---- views ---------------------------------------------------------------------------------

const current = { view: "feed", page: 0 };
let polling = 0;

function personalSignature(feed) {
  return feed.items.filter((item) => item.source !== "popular").map((item) => `${item.id}:${item.reason}`).join("|");
}

async function fetchFeed(page) {
  return call("GET", `/api/v1/feed?page=${page}&size=${PAGE_SIZE}`);
}

function showGrid(films, page, total, onPage) {
  const view = $("view");
  view.replaceChildren();
  if (!films.length) {
    view.append(element("p", null, "Nothing here yet."));
    return;
  }
  const list = element("ul", "grid");
  films.forEach((film) => list.append(card(film)));
  view.append(list);
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages > 1) {
    const pager = element("nav", "pager");
    pager.setAttribute("aria-label", "Pages");
    const previous = element("button", null, "Previous");
    previous.type = "button";
    previous.disabled = page === 0;
    previous.addEventListener("click", () => onPage(page - 1));
    const next = element("button", null, "Next");
    next.type = "button";
    next.disabled = page + 1 >= pages;
    next.addEventListener("click", () => onPage(page + 1));
    pager.append(previous, element("span", "meta", `Page ${page + 1} of ${pages}`), next);
    view.append(pager);
  }
}

async function showFeed(page = 0) {
  current.view = "feed";
  current.page = page;
  const feed = await fetchFeed(page);
  // title and films change together, so that the page never shows one viewer's title over another's films
  $("view-title").textContent = currentSession() ? "Your feed" : "Popular on Cinema";
  showGrid(feed.items, page, feed.total, (next) => showFeed(next).catch(fail));
  return feed;
}

// After a button: the feed is asked again every 2 s until its personal part changes (recsys-service
// takes a few seconds), while the page says the recommendations are being prepared.
async function prepareFeed() {
  const mine = ++polling;
  const before = personalSignature(await fetchFeed(current.page).catch(() => ({ items: [] })));
  $("preparing").hidden = false;
  for (let attempt = 0; attempt < POLL_TIMES && mine === polling && current.view === "feed"; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    if (mine !== polling || current.view !== "feed") return;
    try {
      const feed = await fetchFeed(current.page);
      if (personalSignature(feed) !== before) {
        showGrid(feed.items, current.page, feed.total, (next) => showFeed(next).catch(fail));
        break;
      }
    } catch (error) {
      fail(error);
      break;
    }
  }
  if (mine === polling) $("preparing").hidden = true;
}

async function showSearch(query, page = 0) {
  current.view = "search";
  $("search-query").value = query;
  const found = await call("GET", `/api/v1/films/search?query=${encodeURIComponent(query)}&page=${page}&size=${PAGE_SIZE}`);
  $("view-title").textContent = `Films matching “${query}”`;
  showGrid(found.items, page, found.total, (next) => showSearch(query, next).catch(fail));
}

function names(list) {
  return (list || []).map((one) => one.name || one.fullName).join(", ");
}

async function showFilm(id) {
  current.view = "film";
  const film = await call("GET", `/api/v1/films/${encodeURIComponent(id)}`);
  $("view-title").textContent = film.title;
  const article = element("article", "film");
  article.dataset.filmId = film.id;
  article.append(metaLine(film));
  if (film.description) article.append(element("p", null, film.description));
  const facts = element("dl");
  for (const [label, value] of [
    ["Genres", names(film.genres)],
    ["Directors", names(film.directors)],
    ["Writers", names(film.writers)],
    ["Actors", names(film.actors)],
    ["Likes", String(film.likes)],
    ["Dislikes", String(film.dislikes)],
  ]) {
    if (!value) continue;
    facts.append(element("dt", null, label), element("dd", null, value));
  }
  article.append(facts, actions(film));
  $("view").replaceChildren(article);
}

async function route() {
  polling++;
  $("preparing").hidden = true;
  const hash = location.hash || "#/";
  try {
    const film = hash.match(/^#\/film\/([^/?#]+)$/);
    const search = hash.match(/^#\/search\?q=(.*)$/);
    if (film) await showFilm(decodeURIComponent(film[1]));
    else if (search) await showSearch(decodeURIComponent(search[1]));
    else await showFeed(0);
  } catch (error) {
    fail(error);
  }
}

// ---- wiring --------------------------------------------------------------------------------

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = $("search-query").value.trim();
  if (query) location.hash = `#/search?q=${encodeURIComponent(query)}`;
});
$("show-login").addEventListener("click", () => showAuth("login"));
$("show-register").addEventListener("click", () => showAuth("register"));
$("auth-cancel").addEventListener("click", () => { $("auth-panel").hidden = true; });
$("auth-form").addEventListener("submit", submitAuth);
$("logout").addEventListener("click", logout);
window.addEventListener("hashchange", route);
onSessionChangedElsewhere(followOtherTab);

renderAccount();
loadVerdicts().catch(fail).then(route);
