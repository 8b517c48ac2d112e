// Package secmaster is a small client for the Huawei Cloud SecMaster workflow ("AOP workflow")
// APIs wfc needs: workflows, versions, validation, import/export, instances and plugins
// (components). It signs requests with SDK-HMAC-SHA256 like the Huawei Cloud SDKs, or sends an
// IAM token, and keeps credentials out of every error, log line and printed value.
//
// Safe calls (reads, edits that set a value, deletes, and the read-only validation and export
// POSTs) are retried with exponential backoff and jitter on 429, 5xx and connection errors,
// honouring Retry-After (seconds or an HTTP-date, capped at MaxRetryAfter), within the
// client's overall Config.Timeout. Calls that act (create workflow or version, import, a
// version status change, an instance retry, terminate or debug) are retried only when the
// request provably never left (connection refused) or was throttled (429); any other failure
// after sending is reported as ErrAmbiguous so the caller can read the state back instead of
// applying it twice. Redirects are never followed: the API does not redirect, and following
// one would carry the credentials elsewhere. These rules are the same for the DataWorks client:
// both run on internal/apiclient.
//
// Package secmastertest holds an in-memory emulator of the same API for tests and
// `wfc dev-server`.
package secmaster
