/*
 * klantwijs.h — the public API of libklantwijs, a customer-analysis engine.
 *
 * Include this one header. The pieces live under klantwijs/: core.h
 * (version, status, context, ownership rules), data.h (typed tables and
 * loading), and one header per analysis.
 */
#ifndef KLANTWIJS_H
#define KLANTWIJS_H

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/demo.h"
#include "klantwijs/payments.h"
#include "klantwijs/quality.h"
#include "klantwijs/report.h"
#include "klantwijs/retention.h"
#include "klantwijs/summary.h"
#include "klantwijs/survival.h"
#include "klantwijs/value.h"
#include "klantwijs/clv.h"
#include "klantwijs/clvcheck.h"
#include "klantwijs/subscription.h"
#include "klantwijs/basket.h"
#include "klantwijs/growth.h"
#include "klantwijs/analyze.h"
#include "klantwijs/groups.h"
#include "klantwijs/writers.h"
#include "klantwijs/segments.h"
#include "klantwijs/feedback.h"
#include "klantwijs/history.h"

#endif
