/*
 * config.h: the project file, roic.json (SPEC 7): what an MSP would
 * otherwise type every month. Command-line options override it.
 */
#ifndef ROIC_CONFIG_H
#define ROIC_CONFIG_H

#include <stddef.h>

struct config {
	char *msp_name, *db, *out, *templates, *charts, *notes;
	char *sign_key, *sign_cert, *sign_chain, *sign_p12;
	size_t max_input_bytes;		/* 0: not set */
};

/*
 * Reads the project file `path`, or roic.json in the current folder when
 * `path` is NULL (then a missing file is no error: an empty config). An
 * unknown key, a value of the wrong type or bad JSON is reported as
 * FILE:LINE:COL: error. Returns 0 or -1. Release with config_release.
 */
int config_load(const char *path, struct config *c);
void config_release(struct config *c);

#endif
