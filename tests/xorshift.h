/* xorshift.h: the unit tests' pseudo-random numbers (Marsaglia's
 * xorshift64: the same sequence on every run). */
#ifndef ROIC_TEST_XORSHIFT_H
#define ROIC_TEST_XORSHIFT_H

#include <stdint.h>

static inline uint64_t
xorshift(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

#endif
