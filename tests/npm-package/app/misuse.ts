// Calls the package's types must refuse. Every line marked MISUSE must be
// reported by tsc --noEmit --strict, and no other line.
import nps, { consent, identify, init, on, track } from '@nps/widget';

init({ host: 'https://nps.example.com' }); // MISUSE: no key
init({ key: 'acme' }); // MISUSE: no collector to load widget.js from
init({ key: 'acme', host: 'https://nps.example.com', consent: 'yes' }); // MISUSE: consent is a boolean
init({ key: 'acme', host: 'https://nps.example.com', respectDnt: true }); // MISUSE: the option is respect_dnt
identify('user-42', { address: { city: 'Paris' } }); // MISUSE: traits are flat
identify('user-42', { tags: ['a', 'b'] }); // MISUSE: no list traits
identify('user-42', {}, { hash: 'abc' }); // MISUSE: the proof is `signature`
identify(null); // MISUSE: a user id is a string or a number
track(); // MISUSE: track needs a moment
track('onboarding_completed', { nested: { a: 1 } }); // MISUSE: props are flat
consent('yes'); // MISUSE: consent takes a boolean
on('clicked', () => {}); // MISUSE: no such event
on('answered', (detail) => detail.moment); // MISUSE: answered has no moment
on('shown', (detail) => detail.moment.length); // MISUSE: moment is null for show()
on('dismissed', (detail) => detail.score + 1); // MISUSE: score is null when none was sent
on('answered', (detail) => detail.comment.trim()); // MISUSE: comment is null with the score alone
const score: 11 = 11;
on('answered', (detail) => detail.score === score); // MISUSE: a score is 0 to 10
nps.show('now'); // MISUSE: show takes nothing
nps.init = init; // MISUSE: the default object is read-only
