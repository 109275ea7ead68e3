// Types of @nps/widget: the commands of the widget's README
// (widget/README.md, "The commands"), one function each.
//
// The event details are what the widget's wasm hands its listeners; the
// repository's test tests/npm-package/package.test.mjs records them from
// the real widget in Chromium and type-checks them against these types, so
// a change on either side fails there.

/** A trait's value: flat only. Anything else is dropped with a warning. */
export type TraitValue = string | number | boolean;

/**
 * Traits of the user, e.g. `{plan: 'pro', seats: 3, admin: true,
 * signed_up_at: '2026-10-01', locale: 'fr'}`. They accumulate until the
 * user id changes; `locale` picks the prompt's language, `signed_up_at`
 * (ISO 8601 date or date-time, or Unix ms) feeds `days_since_signup`.
 */
export type Traits = { readonly [name: string]: TraitValue };

/** A moment's properties: flat, like traits. Accepted and ignored for now. */
export type Props = { readonly [name: string]: TraitValue };

/** A user id: a string, or a number (sent as its decimal text). */
export type UserId = string | number;

/** A score on the 0–10 scale. */
export type Score = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** `init`'s options. */
export interface InitOptions {
  /** The project's public key. */
  key: string;
  /**
   * The collector's address, e.g. `'https://nps.example.com'`: where
   * `widget.js` is loaded from (`{host}/widget.js`) and where the widget
   * sends its requests. The script tag takes it from its own `src`; here
   * it must be given.
   */
  host: string;
  /** Where to load `widget.js` from, when not `{host}/widget.js`. */
  src?: string;
  /** The nonce of the page's Content-Security-Policy, set on the script. */
  nonce?: string;
  /** The prompt's language (`fr-*` gives French, anything else English). */
  locale?: string;
  /** `true` logs every decision's reason (`console.info('[nps] …')`). */
  debug?: boolean;
  /** `false` keeps the widget silent until `consent(true)`. */
  consent?: boolean;
  /** `true` keeps it silent in a browser that sends Do Not Track or GPC. */
  respect_dnt?: boolean;
}

/** `identify`'s third argument. */
export interface IdentifyOptions {
  /**
   * The user's identity proof: the hex HMAC-SHA256 of the user id keyed
   * with the project's identity secret, computed by your backend.
   */
  signature: string;
}

/** `shown`: the prompt appeared. */
export interface ShownDetail {
  /** The tracked moment that prompted, or `null` for `show()`. */
  moment: string | null;
}

/**
 * `answered`: `{score, comment: null}` when the score is sent, then
 * `{score, comment}` when a non-empty comment is sent.
 */
export interface AnsweredDetail {
  score: Score;
  comment: string | null;
}

/**
 * `dismissed`: Close, Escape or "Don't ask me again" closed the prompt
 * before Send.
 */
export interface DismissedDetail {
  /** The tracked moment that prompted, or `null` for `show()`. */
  moment: string | null;
  /** The score that was sent, or `null`. */
  score: Score | null;
}

/** Each event's detail, by the event's name. */
export interface NpsEvents {
  shown: ShownDetail;
  answered: AnsweredDetail;
  dismissed: DismissedDetail;
}

/** An event's name. */
export type NpsEvent = keyof NpsEvents;

/** A listener of `event`. */
export type Listener<E extends NpsEvent> = (detail: NpsEvents[E]) => void;

/**
 * Sets the project and loads `{host}/widget.js` once; calls made before it
 * has loaded are queued and replayed in order. The same options again do
 * nothing.
 */
export function init(options: InitOptions): void;

/**
 * Attaches answers to a user; `options.signature` is their identity proof.
 * Fetches the user's history from every device when signed.
 */
export function identify(userId: UserId, traits?: Traits, options?: IdentifyOptions): void;

/** Counts the moment and prompts if the project's timing rules allow it. */
export function track(moment: string, props?: Props): void;

/** Prompts now, ignoring every timing rule but "Don't ask me again". */
export function show(): void;

/** On log-out: forgets the user and this browser's history. */
export function reset(): void;

/** Gives or withdraws the host's consent (not remembered across pages). */
export function consent(given: boolean): void;

/** From now on, logs every decision's reason. */
export function debug(): void;

/**
 * Listens for `shown`, `answered` or `dismissed`. Returns a function that
 * stops this listener (e.g. a React effect's cleanup).
 */
export function on<E extends NpsEvent>(event: E, listener: Listener<E>): () => void;

/** Every command as one object. */
export interface Nps {
  init: typeof init;
  identify: typeof identify;
  track: typeof track;
  show: typeof show;
  reset: typeof reset;
  consent: typeof consent;
  debug: typeof debug;
  on: typeof on;
}

declare const nps: Readonly<Nps>;
export default nps;
