#ifndef ASIC_CNETTLE_SHIM_H
#define ASIC_CNETTLE_SHIM_H
#include <stddef.h>
#include <stdint.h>
#include <nettle/bignum.h>
#include <nettle/ecc.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecdsa.h>
#include <nettle/version.h>

/* 1 when the nettle loaded is 3.8 or later. Before 3.7.2, ecdsa_verify computed with r and s
   out of range (CVE-2021-20305); 3.7.2 cannot be told from 3.7.1 by its version functions. */
static inline int cnettle_ecdsa_is_trusted(void) {
    return nettle_version_major() > 3 || (nettle_version_major() == 3 && nettle_version_minor() >= 8);
}

/* ECDSA over P-384 (secp384r1) with nettle: 1 when the signature (r, s) verifies over `digest`
   (truncated to the order's length as ECDSA says) with the public point (x, y), 0 otherwise,
   also when the point is not on the curve, r or s is outside [1, n-1], or the nettle loaded is
   older than 3.8. x, y, r and s are 48-byte big-endian integers. Every nettle and GMP object
   lives only inside this call. */
static inline int cnettle_ecdsa_p384_verify(const uint8_t *x, const uint8_t *y, const uint8_t *r, const uint8_t *s,
                                            const uint8_t *digest, size_t digest_length) {
    const struct ecc_curve *curve = nettle_get_secp_384r1();
    mpz_t mx, my;
    struct ecc_point point;
    struct dsa_signature signature;
    int verified = 0;
    if (!cnettle_ecdsa_is_trusted()) return 0;
    mpz_init(mx);
    mpz_init(my);
    nettle_mpz_set_str_256_u(mx, 48, x);
    nettle_mpz_set_str_256_u(my, 48, y);
    ecc_point_init(&point, curve);
    if (ecc_point_set(&point, mx, my)) {
        dsa_signature_init(&signature);
        nettle_mpz_set_str_256_u(signature.r, 48, r);
        nettle_mpz_set_str_256_u(signature.s, 48, s);
        verified = ecdsa_verify(&point, digest_length, digest, &signature);
        dsa_signature_clear(&signature);
    }
    ecc_point_clear(&point);
    mpz_clear(mx);
    mpz_clear(my);
    return verified;
}

#endif
