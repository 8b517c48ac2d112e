// Package apiclient is the platform-neutral HTTP plumbing of wfc's signed API clients
// (secmaster, dataworks): one call with its retries, the rules that keep credentials and
// acting requests safe, and the redaction of what a server says back.
//
// What it decides, for every client alike:
//   - Reads (Call.Safe) are retried after a transport failure, a 5xx or a throttled answer,
//     with exponential backoff and equal jitter, or the server's Retry-After (seconds or an
//     HTTP-date, capped at MaxRetryAfter).
//   - A call that acts is never resent once it reached the wire: a failure after that is an
//     *AmbiguousError (errors.Is ErrAmbiguous), resolved by the caller reading state back.
//   - Redirects are never followed (RefuseRedirects, *RedirectError), and net/http never
//     replays a request by itself (PreventReplay): only the retry loop resends, and it signs
//     afresh.
//   - Plain http goes only to loopback hosts (CheckEndpoint, IsLoopbackHost).
//   - Credentials are redacted from every error (Redact), whole or in pieces of 8 bytes or
//     more in any ASCII case, and server messages are redacted before they are cut to
//     MaxMessageLen bytes (CleanMessage).
//
// What differs per platform stays in the client: signing, URLs, envelopes and error codes,
// trusted host names, environment variables.
package apiclient
