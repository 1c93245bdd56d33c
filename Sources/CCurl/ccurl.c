#include "ccurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/* libcurl's functions, looked up once. */
static struct {
    const char *error;
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} api;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        api.error = "libcurl (libcurl.so.4) is not installed or cannot be loaded";
        return;
    }
    *(void **)&api.global_init = dlsym(library, "curl_global_init");
    *(void **)&api.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&api.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&api.easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&api.easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&api.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&api.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&api.slist_append = dlsym(library, "curl_slist_append");
    *(void **)&api.slist_free_all = dlsym(library, "curl_slist_free_all");
    if (!api.global_init || !api.easy_init || !api.easy_cleanup || !api.easy_perform || !api.easy_strerror ||
        !api.easy_setopt || !api.easy_getinfo || !api.slist_append || !api.slist_free_all) {
        api.error = "libcurl.so.4 lacks a function asic needs";
        return;
    }
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) api.error = "libcurl could not be initialised";
}

const char *ccurl_load_error(void) {
    pthread_once(&once, load);
    return api.error;
}

CURL *ccurl_easy_init(void) { return ccurl_load_error() == NULL ? api.easy_init() : NULL; }
void ccurl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
CURLcode ccurl_easy_perform(CURL *handle) { return api.easy_perform(handle); }
const char *ccurl_easy_strerror(CURLcode code) { return ccurl_load_error() == NULL ? api.easy_strerror(code) : "libcurl is not loaded"; }
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *text) {
    return ccurl_load_error() == NULL ? api.slist_append(list, text) : NULL;
}
void ccurl_slist_free_all(struct curl_slist *list) { if (list != NULL) api.slist_free_all(list); }

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) { return api.easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_str(CURL *handle, CURLoption option, const char *value) { return api.easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_ptr(CURL *handle, CURLoption option, void *value) { return api.easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) { return api.easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_write_cb(CURL *handle, ccurl_write_cb callback) { return api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback); }
CURLcode ccurl_setopt_header_cb(CURL *handle, ccurl_write_cb callback) { return api.easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback); }
CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) { return api.easy_setopt(handle, option, value); }
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) { return api.easy_getinfo(handle, info, value); }
