#ifndef ASIC_CCURL_H
#define ASIC_CCURL_H
#include <curl/curl.h>

/* libcurl is opened on first use (ccurl.c), not linked: it and the two dozen libraries it pulls
   in (TLS, Kerberos, LDAP, IDN, HTTP/2, …) cost about 4 ms and 440 page faults at every process
   start, and most runs (validate offline, inspect, --version) fetch nothing. Only the headers are
   used at build time; the functions are looked up in libcurl's stable ABI (SONAME libcurl.so.4). */

/* Why libcurl is not usable (not installed, a function missing, curl_global_init failed); NULL
   once it is loaded. Loads it on the first call (thread-safe). */
const char *ccurl_load_error(void);

/* NULL when libcurl is not usable. The others may be called only with a handle it returned. */
CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *text);
void ccurl_slist_free_all(struct curl_slist *list);

/* curl_easy_setopt / curl_easy_getinfo are C variadics: typed wrappers for Swift. */
typedef size_t (*ccurl_write_cb)(char *, size_t, size_t, void *);
CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_str(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_ptr(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_write_cb(CURL *handle, ccurl_write_cb callback);
CURLcode ccurl_setopt_header_cb(CURL *handle, ccurl_write_cb callback);
CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif
