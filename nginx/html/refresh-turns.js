// The tabs of one browser taking turns at renewing the session.
//
// A turn is all it takes to hand a renewal on: the refresh token is a cookie, one for every tab,
// which the browser replaces before the renewing tab sees the answer, so the next tab's refresh
// sends the new one. What must never happen is two refreshes in flight at once, both sending the
// same cookie (auth-service takes the second for a stolen copy and revokes the whole session).

const LOCK_NAME = "cinema.refresh";
const DATABASE = "cinema.session";
// (named for what it held before the refresh token became a cookie; a new name would need a new version)
const STORE = "renewal";
const LEASE = "lease";
// Where earlier versions of this page recorded each renewal, tokens included: deleted at start.
const FORMER_RENEWAL_RECORD = "last";
// Longer than a refresh takes. A tab that dies holding the lease (a crash: a closed tab gives it
// back on pagehide) makes the others wait this long at most.
const LEASE_MS = 15000;
const LEASE_POLL_MS = 100;

/**
 * Runs `work` while no other tab of this browser runs its own. The Web Locks API queues the tabs on
 * a named lock and gives it back when a tab closes or crashes, but exists only in secure contexts
 * (not on pages served over plain HTTP from anywhere but the machine itself): a lease in IndexedDB,
 * taken in a transaction (a compare-and-set), stands in for it there. Without either (IndexedDB
 * refused, as some private modes do) the work runs at once.
 */
export function oneTabAtATime(work) {
  if (navigator.locks) return navigator.locks.request(LOCK_NAME, { mode: "exclusive" }, work);
  return underLease(work);
}

// ---- the lease, for pages without Web Locks ---------------------------------------------------

// Names this tab's lease (crypto.randomUUID, too, exists only in secure contexts).
const TAB = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

async function underLease(work) {
  let leased;
  try {
    leased = await takeLease();
  } catch {
    return work(); // no IndexedDB here: nothing to take turns with
  }
  try {
    return await work();
  } finally {
    if (leased) releaseLease();
  }
}

async function takeLease() {
  while (!(await tryLease())) await pause(LEASE_POLL_MS);
  return true;
}

// One readwrite transaction: IndexedDB runs them one after the other, so two tabs never both find it free.
function tryLease() {
  return inStore("readwrite", (store, transaction) => {
    const read = store.get(LEASE);
    read.onsuccess = () => {
      const lease = read.result;
      const free = !lease || lease.tab === TAB || lease.until < Date.now();
      if (free) store.put({ tab: TAB, until: Date.now() + LEASE_MS }, LEASE);
      transaction.taken = free;
    };
  }, (transaction) => transaction.taken);
}

function releaseLease() {
  return inStore("readwrite", (store) => {
    const read = store.get(LEASE);
    read.onsuccess = () => {
      if (read.result && read.result.tab === TAB) store.delete(LEASE);
    };
  }).catch(() => undefined);
}

// A tab closed in the middle of a refresh gives the lease back at once, not after LEASE_MS.
if (!navigator.locks) window.addEventListener("pagehide", releaseLease);

// ---- IndexedDB ---------------------------------------------------------------------------------

let database = null;

function open() {
  if (!database) {
    database = new Promise((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.catch(() => {
      database = null; // asked again next time
    });
  }
  return database;
}

/**
 * Runs `use(store, transaction)` in one transaction; resolves when it has completed (its writes
 * visible to every tab) with the result of its last request, or with `result(transaction)`.
 */
async function inStore(mode, use, result) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = use(transaction.objectStore(STORE), transaction);
    transaction.oncomplete = () => resolve(result ? result(transaction) : request && request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Down here, once `database` above is declared: inStore reads it.
inStore("readwrite", (store) => store.delete(FORMER_RENEWAL_RECORD)).catch(() => undefined);
