/*
** time.c -- package time: Sleep, Now/Since/Until, Duration (Go's String()),
** Time (Date, Parse, ParseInLocation, Format, AddDate, UTC/Local/In...),
** Month, Weekday, Timer/Ticker/After/Tick/AfterFunc, ParseDuration.
** Locations (FixedZone, LoadLocation, zone lookups) are in time_zone.c.
**
** Representation:
**   - Duration: VAL_INT (ns) with aux = the time.Duration type id, so
**     `2*time.Second` stays a Duration (arithmetic keeps a non-zero aux).
**   - Time: VAL_INT with aux = the time.Time type id holding
**     unix_ns + TIME_BIAS (2^62). The bias keeps the zero value 0 free to mean
**     Go's zero Time (January 1, year 1), which IsZero/Format/Unix report as
**     Go does; differences and comparisons work directly on the payload.
**     The payload is really 72 bits: Value.pk holds the high 8 (0 for
**     1824..2408, the only range other files see; time-only layouts parse
**     to year 0). Value.pad holds the location code (stdlib/time_zone.c):
**     0 UTC (so the zero value is Go's zero Time), 1 Local, 2.. a location
**     of FixedZone, LoadLocation or time.Parse. Every location has its own
**     code, so comparing whole Values is Go's == on Times (instant and
**     *Location), given that the VM compares pk and pad of integers.
**   - Parse and Format follow Go's nextStdChunk layout elements exactly;
**     Parse gives Go's ParseError texts.
**   - Timer/Ticker: named structs {C <-chan Time; r} whose hidden field holds
**     a TimerState (a scheduler Timer + the channel or the AfterFunc func).
** All timing goes through sched_now(): in deterministic mode (--seed) it is
** the virtual clock, and Now() starts at 2009-11-10 23:00:00 UTC.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/chan.h"
#include "vm/sched.h"
#include "vm/strbuf.h"
#include "vm/vm.h"
#include "stdlib/ext.h"

/* ---- vm/sched.c ---- */
bool sched_is_deterministic(void);

#define TIME_BIAS ((int64_t)1 << 62)
#define NS_PER_SEC 1000000000LL
#define ZERO_TIME_UNIX (-62135596800LL)   /* Unix() of January 1, year 1 UTC */

static Type *dur_type, *time_type, *month_type, *weekday_type;
static Type *timer_type, *ticker_type, *tstate_type, *chan_time_type;

/* ====================================================================
** values and clocks
** ==================================================================== */

static inline Value dur_val(int64_t d) {
  Value v = INT_VAL(d);
  v.aux = dur_type->id;
  return v;
}

/* An integer argument (follows a pointer receiver to its int). */
static int64_t int_of(Value v) {
  for (int depth = 0; depth < 3; depth++) {
    if (v.kind == VAL_INT) return v.as.i;
    if (v.kind == VAL_FLOAT) return (int64_t)v.as.f;
    if (v.kind == VAL_CELL && v.as.p) { v = ((Cell *)v.as.p)->v; continue; }
    if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_CELL: v = ((Cell *)v.as.p)->v; continue;
      case PTR_FIELD: v = ((ObjStruct *)v.as.p)->f[v.aux]; continue;
      case PTR_ELEM: v = ((ObjArray *)v.as.p)->v[v.aux]; continue;
      default: return 0;
      }
    }
    return 0;
  }
  return 0;
}

static inline int64_t arg_i(const Value *args, int nargs, int i) {
  return i < nargs ? int_of(args[i]) : 0;
}

static inline int64_t sat_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

static pthread_once_t wall_once = PTHREAD_ONCE_INIT;
static int64_t wall_base;   /* biased wall time at sched_now() == 0 */

static void wall_init(void) {
  if (sched_is_deterministic()) {
    wall_base = 1257894000LL * NS_PER_SEC + TIME_BIAS;   /* the Go playground's epoch */
  } else {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    wall_base = (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec + TIME_BIAS - sched_now();
  }
}

static int64_t now_r(void) {
  pthread_once(&wall_once, wall_init);
  return wall_base + sched_now();
}

/* ====================================================================
** Duration
** ==================================================================== */

static int fmt_frac(char *buf, int w, uint64_t v, int prec, uint64_t *nv) {
  bool print = false;
  for (int i = 0; i < prec; i++) {
    int digit = (int)(v % 10);
    print = print || digit != 0;
    if (print) buf[--w] = (char)('0' + digit);
    v /= 10;
  }
  if (print) buf[--w] = '.';
  *nv = v;
  return w;
}

static int fmt_int(char *buf, int w, uint64_t v) {
  if (v == 0) {
    buf[--w] = '0';
  } else {
    while (v > 0) {
      buf[--w] = (char)('0' + v % 10);
      v /= 10;
    }
  }
  return w;
}

/* Go's Duration.String: "1h2m0.5s", "1.5s", "500ms", "1µs", "100ns", "0s". */
static Value dur_string_val(int64_t d) {
  char buf[32];
  int w = (int)sizeof buf;
  uint64_t u = (uint64_t)d;
  bool neg = d < 0;
  if (neg) u = -u;
  if (u < (uint64_t)NS_PER_SEC) {
    int prec;
    buf[--w] = 's';
    w--;
    if (u == 0) return str_val("0s");
    if (u < 1000) {
      prec = 0;
      buf[w] = 'n';
    } else if (u < 1000000) {
      prec = 3;
      w--;
      memcpy(&buf[w], "\xC2\xB5", 2);  /* µ */
    } else {
      prec = 6;
      buf[w] = 'm';
    }
    w = fmt_frac(buf, w, u, prec, &u);
    w = fmt_int(buf, w, u);
  } else {
    buf[--w] = 's';
    w = fmt_frac(buf, w, u, 9, &u);
    w = fmt_int(buf, w, u % 60);
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      w = fmt_int(buf, w, u % 60);
      u /= 60;
      if (u > 0) {
        buf[--w] = 'h';
        w = fmt_int(buf, w, u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return str_val_n(buf + w, (int64_t)sizeof buf - w);
}

static int d_string(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_string_val(arg_i(a, n, 0));
  return 1;
}

static int d_seconds(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  r[0] = FLOAT_VAL((double)(d / NS_PER_SEC) + (double)(d % NS_PER_SEC) / 1e9);
  return 1;
}

static int d_minutes(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), m = 60 * NS_PER_SEC;
  r[0] = FLOAT_VAL((double)(d / m) + (double)(d % m) / (60 * 1e9));
  return 1;
}

static int d_hours(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), h = 3600 * NS_PER_SEC;
  r[0] = FLOAT_VAL((double)(d / h) + (double)(d % h) / (3600 * 1e9));
  return 1;
}

static int d_milliseconds(Fiber *f, Value *a, int n, Value *r) {
  Value v = INT_VAL(arg_i(a, n, 0) / 1000000);
  v.aux = TID_INT64;
  r[0] = v;
  return 1;
}

static int d_microseconds(Fiber *f, Value *a, int n, Value *r) {
  Value v = INT_VAL(arg_i(a, n, 0) / 1000);
  v.aux = TID_INT64;
  r[0] = v;
  return 1;
}

static int d_nanoseconds(Fiber *f, Value *a, int n, Value *r) {
  Value v = INT_VAL(arg_i(a, n, 0));
  v.aux = TID_INT64;
  r[0] = v;
  return 1;
}

static int d_truncate(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), m = arg_i(a, n, 1);
  r[0] = dur_val(m <= 0 ? d : d - d % m);
  return 1;
}

static inline bool less_than_half(int64_t x, int64_t y) {
  return (uint64_t)x + (uint64_t)x < (uint64_t)y;
}

static int d_round(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0), m = arg_i(a, n, 1), res;
  if (m <= 0) {
    res = d;
  } else {
    int64_t rem = d % m;
    if (d < 0) {
      rem = -rem;
      if (less_than_half(rem, m)) res = d + rem;
      else {
        int64_t d1 = d - m + rem;
        res = d1 < d ? d1 : INT64_MIN;
      }
    } else if (less_than_half(rem, m)) {
      res = d - rem;
    } else {
      int64_t d1 = (int64_t)((uint64_t)d + (uint64_t)m - (uint64_t)rem);
      res = d1 > d ? d1 : INT64_MAX;
    }
  }
  r[0] = dur_val(res);
  return 1;
}

static int d_abs(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  r[0] = dur_val(d >= 0 ? d : d == INT64_MIN ? INT64_MAX : -d);
  return 1;
}

/* time.ParseDuration (Go's grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+) */
static int t_parse_duration(Fiber *f, Value *a, int n, Value *r) {
  const char *s0 = n > 0 && a[0].kind == VAL_STR ? AS_STR(a[0])->data : "";
  int64_t len = n > 0 && a[0].kind == VAL_STR ? AS_STR(a[0])->len : 0;
  const char *s = s0, *end = s0 + len;
  char msg[256];
  bool neg = false;
  uint64_t total = 0;
  if (s < end && (*s == '-' || *s == '+')) neg = *s++ == '-';
  if (end - s == 1 && *s == '0') {
    r[0] = dur_val(0);
    r[1] = NIL_VAL;
    return 2;
  }
  if (s == end) goto invalid;
  while (s < end) {
    uint64_t v = 0, fr = 0;
    double scale = 1;
    bool pre = false, post = false, overflow = false;
    if (!(*s == '.' || (*s >= '0' && *s <= '9'))) goto invalid;
    while (s < end && *s >= '0' && *s <= '9') {
      if (v > (UINT64_C(1) << 63) / 10) overflow = true;
      v = v * 10 + (uint64_t)(*s - '0');
      if (v > (UINT64_C(1) << 63)) overflow = true;
      s++;
      pre = true;
    }
    if (overflow) goto invalid;
    if (s < end && *s == '.') {
      s++;
      while (s < end && *s >= '0' && *s <= '9') {
        if (scale < 1e18) {
          fr = fr * 10 + (uint64_t)(*s - '0');
          scale *= 10;
        }
        s++;
        post = true;
      }
    }
    if (!pre && !post) goto invalid;
    const char *u0 = s;
    while (s < end && *s != '.' && !(*s >= '0' && *s <= '9')) s++;
    if (s == u0) {
      snprintf(msg, sizeof msg, "time: missing unit in duration \"%.*s\"", (int)len, s0);
      goto fail;
    }
    size_t ul = (size_t)(s - u0);
    uint64_t unit = 0;
    if (ul == 2 && !memcmp(u0, "ns", 2)) unit = 1;
    else if ((ul == 2 && !memcmp(u0, "us", 2)) || (ul == 3 && !memcmp(u0, "\xC2\xB5s", 3)) ||
             (ul == 3 && !memcmp(u0, "\xCE\xBCs", 3))) unit = 1000;
    else if (ul == 2 && !memcmp(u0, "ms", 2)) unit = 1000000;
    else if (ul == 1 && *u0 == 's') unit = NS_PER_SEC;
    else if (ul == 1 && *u0 == 'm') unit = 60 * NS_PER_SEC;
    else if (ul == 1 && *u0 == 'h') unit = 3600 * NS_PER_SEC;
    if (!unit) {
      snprintf(msg, sizeof msg, "time: unknown unit \"%.*s\" in duration \"%.*s\"", (int)ul, u0,
               (int)len, s0);
      goto fail;
    }
    if (v > (UINT64_C(1) << 63) / unit) goto invalid;
    v *= unit;
    if (fr > 0) {
      v += (uint64_t)((double)fr * ((double)unit / scale));
      if (v > (UINT64_C(1) << 63)) goto invalid;
    }
    total += v;
    if (total > (UINT64_C(1) << 63)) goto invalid;
  }
  if (!neg && total > (uint64_t)INT64_MAX) goto invalid;
  r[0] = dur_val(neg ? (int64_t)(0 - total) : (int64_t)total);
  r[1] = NIL_VAL;
  return 2;
invalid:
  snprintf(msg, sizeof msg, "time: invalid duration \"%.*s\"", (int)len, s0);
fail:
  r[0] = dur_val(0);
  r[1] = api_error_new(msg, NIL_VAL);
  return 2;
}

/* ====================================================================
** Time
** ==================================================================== */

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

/* ---- vm/format.c: Go's strconv.Quote ---- */
void fmt_quote(StrBuf *b, const char *s, size_t n, bool ascii);

/* ---- locations (stdlib/time_zone.c) ----
** A Time's location is a code in the Value's pad (see the top): 0 UTC,
** 1 Local, 2.. a FixedZone / LoadLocation / time.Parse location. */
enum { LOC_UTC = 0, LOC_LOCAL = 1 };

Value tz_location(int code);
int tz_code_of(Value v);
int tz_fixed(const char *name, size_t n, long offset);
long tz_lookup(int code, int64_t sec, const char **name, int64_t *start, int64_t *end, bool *dst);
bool tz_lookup_name(int code, const char *name, size_t n, int64_t wall, long *offset);
void tz_open(void);

/* The payload is 72 bits: (int8)pk:as.i. Years before 1824 or after 2408
** (time-only layouts parse to year 0) have a non-zero pk. */
typedef __int128 tns_t;
#define TNS_MAX (((tns_t)1 << 71) - 1)
#define TNS_MIN (-((tns_t)1 << 71))

static inline Value time_val_loc(tns_t r, int loc) {
  if (r > TNS_MAX) r = TNS_MAX;       /* beyond about 72000 years: saturate */
  if (r < TNS_MIN) r = TNS_MIN;
  Value v = INT_VAL((int64_t)(uint64_t)r);
  v.aux = time_type->id;
  v.pk = (uint8_t)(int8_t)(r >> 64);
  v.pad = (uint16_t)loc;
  return v;
}

/* The receiver / argument Time: its payload and location. */
static tns_t time_arg(const Value *args, int nargs, int i, int *loc) {
  Value v = i < nargs ? args[i] : NIL_VAL;
  for (int d = 0; d < 3 && (v.kind == VAL_CELL || v.kind == VAL_PTR) && v.as.p; d++) {
    if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
    else if (v.pk == PTR_CELL) v = ((Cell *)v.as.p)->v;
    else if (v.pk == PTR_FIELD) v = ((ObjStruct *)v.as.p)->f[v.aux];
    else if (v.pk == PTR_ELEM) v = ((ObjArray *)v.as.p)->v[v.aux];
    else break;
  }
  if (loc) *loc = v.kind == VAL_INT ? v.pad : LOC_LOCAL;
  if (v.kind != VAL_INT) return int_of(v);
  /* high part times 2^64 (a multiply: shifting a negative value is UB) */
  return (tns_t)(int8_t)v.pk * ((tns_t)1 << 64) + (tns_t)(uint64_t)v.as.i;
}

static inline int64_t sat64(tns_t x) {
  return x > INT64_MAX ? INT64_MAX : x < INT64_MIN ? INT64_MIN : (int64_t)x;
}

static tns_t floor_div128(tns_t a, tns_t b) {
  tns_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

/* Offset east of UTC (seconds) and zone name of location loc at Unix second sec. */
static long zone_at(int loc, int64_t sec, const char **name) {
  return tz_lookup(loc, sec, name, NULL, NULL, NULL);
}

/* ---- civil calendar (proleptic Gregorian; H. Hinnant's algorithms) ---- */

int64_t time_days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void time_civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

static int days_in(int m, int64_t y) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap(y)) return 29;
  return m >= 1 && m <= 12 ? dm[m - 1] : 31;
}

typedef struct Civil {
  int64_t year;
  int month, day, hour, min, sec, wday, yday;   /* month 1..12, wday 0 = Sunday, yday 1.. */
  int64_t nsec;
  int64_t usecs;       /* Unix seconds */
  long off;           /* seconds east of UTC */
  const char *zone;
} Civil;

/* A payload's Unix nanoseconds (0 is the zero Time, January 1 of year 1),
** and the payload of Unix nanoseconds. */
static tns_t unix_ns(tns_t r) {
  return r == 0 ? (tns_t)ZERO_TIME_UNIX * NS_PER_SEC : r - TIME_BIAS;
}

static tns_t from_unix_ns(tns_t ns) {
  return ns == (tns_t)ZERO_TIME_UNIX * NS_PER_SEC ? 0 : ns + TIME_BIAS;
}

static void civil_of(tns_t r, int loc, Civil *c) {
  memset(c, 0, sizeof *c);
  tns_t u = unix_ns(r);
  int64_t sec = (int64_t)floor_div128(u, NS_PER_SEC);
  c->nsec = (int64_t)(u - (tns_t)sec * NS_PER_SEC);
  c->usecs = sec;
  c->off = zone_at(loc, sec, &c->zone);
  int64_t local = sec + c->off;
  int64_t days = floor_div(local, 86400);
  int64_t sod = local - days * 86400;
  c->hour = (int)(sod / 3600);
  c->min = (int)(sod / 60 % 60);
  c->sec = (int)(sod % 60);
  time_civil_from_days(days, &c->year, &c->month, &c->day);
  c->wday = (int)(((days % 7) + 7 + 4) % 7);
  c->yday = (int)(days - time_days_from_civil(c->year, 1, 1) + 1);
}

/* Go's time.Date: normalises every field, then converts from loc. */
static tns_t make_time(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
                         int64_t sec, int64_t nsec, int loc) {
  int64_t m = month - 1;
  year += floor_div(m, 12);
  m -= floor_div(m, 12) * 12;
  sec += floor_div(nsec, NS_PER_SEC);
  nsec -= floor_div(nsec, NS_PER_SEC) * NS_PER_SEC;
  min += floor_div(sec, 60);
  sec -= floor_div(sec, 60) * 60;
  hour += floor_div(min, 60);
  min -= floor_div(min, 60) * 60;
  day += floor_div(hour, 24);
  hour -= floor_div(hour, 24) * 24;
  if (year > 70000 || year < -70000) year = year > 0 ? 70000 : -70000;   /* the payload's range */
  int64_t days = time_days_from_civil(year, m + 1, 1) + day - 1;
  int64_t wall = days * 86400 + hour * 3600 + min * 60 + sec;
  /* Go: look up the zone at the wall clock read as UTC; if the instant
  ** that gives lies outside that zone's span, look up again there. */
  const char *zn;
  int64_t start, end;
  long off = tz_lookup(loc, wall, &zn, &start, &end, NULL);
  if (off != 0) {
    int64_t utc = wall - off;
    if (utc < start || utc >= end) off = tz_lookup(loc, utc, &zn, NULL, NULL, NULL);
    wall -= off;
  }
  return from_unix_ns((tns_t)wall * NS_PER_SEC + nsec);
}

static const char *const month_names[] = {"January", "February", "March", "April", "May", "June",
                                          "July", "August", "September", "October", "November",
                                          "December"};
static const char *const day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday"};

/* ---- layouts: Go's nextStdChunk ---- */

enum {
  STD_NONE = 0, STD_LONG_MONTH, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH, STD_LONG_WEEKDAY,
  STD_WEEKDAY, STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YEARDAY, STD_ZERO_YEARDAY,
  STD_HOUR, STD_HOUR12, STD_ZERO_HOUR12, STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND,
  STD_ZERO_SECOND, STD_LONG_YEAR, STD_YEAR, STD_PM, STD_pm, STD_TZ,
  STD_ISO_TZ, STD_ISO_SECONDS_TZ, STD_ISO_SHORT_TZ, STD_ISO_COLON_TZ, STD_ISO_COLON_SECONDS_TZ,
  STD_NUM_TZ, STD_NUM_SECONDS_TZ, STD_NUM_SHORT_TZ, STD_NUM_COLON_TZ, STD_NUM_COLON_SECONDS_TZ,
  STD_FRAC0, STD_FRAC9,
};

typedef struct Chunk {
  size_t prefix;    /* literal bytes before the element */
  int std;          /* STD_NONE: no more elements (prefix is the rest) */
  size_t len;       /* bytes of the element in the layout */
  int ndigits;      /* fractional seconds: digits */
  char sep;         /* fractional seconds: '.' or ',' */
} Chunk;

static bool lower_at(const char *s, size_t n, size_t i) {
  return i < n && s[i] >= 'a' && s[i] <= 'z';
}

static Chunk next_chunk(const char *l, size_t n) {
  Chunk c = {0, STD_NONE, 0, 0, 0};
#define HAS(i, s) ((i) + sizeof(s) - 1 <= n && memcmp(l + (i), s, sizeof(s) - 1) == 0)
#define RET(i, code, ln) do { c.prefix = (i); c.std = (code); c.len = (ln); return c; } while (0)
  for (size_t i = 0; i < n; i++) {
    switch (l[i]) {
    case 'J':
      if (HAS(i, "Jan")) {
        if (HAS(i, "January")) RET(i, STD_LONG_MONTH, 7);
        if (!lower_at(l, n, i + 3)) RET(i, STD_MONTH, 3);
      }
      break;
    case 'M':
      if (HAS(i, "Mon")) {
        if (HAS(i, "Monday")) RET(i, STD_LONG_WEEKDAY, 6);
        if (!lower_at(l, n, i + 3)) RET(i, STD_WEEKDAY, 3);
      }
      if (HAS(i, "MST")) RET(i, STD_TZ, 3);
      break;
    case '0':
      if (i + 1 < n && l[i + 1] >= '1' && l[i + 1] <= '6') {
        static const int std0x[] = {STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12,
                                    STD_ZERO_MINUTE, STD_ZERO_SECOND, STD_YEAR};
        RET(i, std0x[l[i + 1] - '1'], 2);
      }
      if (HAS(i, "002")) RET(i, STD_ZERO_YEARDAY, 3);
      break;
    case '1':
      if (HAS(i, "15")) RET(i, STD_HOUR, 2);
      RET(i, STD_NUM_MONTH, 1);
    case '2':
      if (HAS(i, "2006")) RET(i, STD_LONG_YEAR, 4);
      RET(i, STD_DAY, 1);
    case '_':
      if (i + 1 < n && l[i + 1] == '2') {
        if (HAS(i + 1, "2006")) RET(i + 1, STD_LONG_YEAR, 4);
        RET(i, STD_UNDER_DAY, 2);
      }
      if (HAS(i, "__2")) RET(i, STD_UNDER_YEARDAY, 3);
      break;
    case '3': RET(i, STD_HOUR12, 1);
    case '4': RET(i, STD_MINUTE, 1);
    case '5': RET(i, STD_SECOND, 1);
    case 'P':
      if (HAS(i, "PM")) RET(i, STD_PM, 2);
      break;
    case 'p':
      if (HAS(i, "pm")) RET(i, STD_pm, 2);
      break;
    case '-':
      if (HAS(i, "-070000")) RET(i, STD_NUM_SECONDS_TZ, 7);
      if (HAS(i, "-07:00:00")) RET(i, STD_NUM_COLON_SECONDS_TZ, 9);
      if (HAS(i, "-0700")) RET(i, STD_NUM_TZ, 5);
      if (HAS(i, "-07:00")) RET(i, STD_NUM_COLON_TZ, 6);
      if (HAS(i, "-07")) RET(i, STD_NUM_SHORT_TZ, 3);
      break;
    case 'Z':
      if (HAS(i, "Z070000")) RET(i, STD_ISO_SECONDS_TZ, 7);
      if (HAS(i, "Z07:00:00")) RET(i, STD_ISO_COLON_SECONDS_TZ, 9);
      if (HAS(i, "Z0700")) RET(i, STD_ISO_TZ, 5);
      if (HAS(i, "Z07:00")) RET(i, STD_ISO_COLON_TZ, 6);
      if (HAS(i, "Z07")) RET(i, STD_ISO_SHORT_TZ, 3);
      break;
    case '.': case ',':
      if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
        char ch = l[i + 1];
        size_t j = i + 1;
        while (j < n && l[j] == ch) j++;
        if (!(j < n && l[j] >= '0' && l[j] <= '9')) {
          c.ndigits = (int)(j - (i + 1));
          c.sep = l[i];
          RET(i, ch == '0' ? STD_FRAC0 : STD_FRAC9, j - i);
        }
      }
      break;
    }
  }
  c.prefix = n;
  return c;
#undef HAS
#undef RET
}

/* Go's appendInt: width = minimum digits (zero padded), sign first. */
static void put_int(StrBuf *sb, int64_t v, int width) {
  char tmp[32];
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)u);
  if (v < 0) sb_putc(sb, '-');
  for (int i = n; i < width; i++) sb_putc(sb, '0');
  sb_putn(sb, tmp, (size_t)n);
}

static void format_time(StrBuf *sb, tns_t r, int loc, const char *lay, size_t llen) {
  Civil c;
  civil_of(r, loc, &c);
  while (llen > 0) {
    Chunk k = next_chunk(lay, llen);
    if (k.prefix) sb_putn(sb, lay, k.prefix);
    if (k.std == STD_NONE) break;
    lay += k.prefix + k.len;
    llen -= k.prefix + k.len;
    switch (k.std) {
    case STD_YEAR: put_int(sb, (c.year < 0 ? -c.year : c.year) % 100, 2); break;
    case STD_LONG_YEAR: put_int(sb, c.year, 4); break;
    case STD_MONTH: sb_putn(sb, month_names[c.month - 1], 3); break;
    case STD_LONG_MONTH: sb_puts(sb, month_names[c.month - 1]); break;
    case STD_NUM_MONTH: put_int(sb, c.month, 0); break;
    case STD_ZERO_MONTH: put_int(sb, c.month, 2); break;
    case STD_WEEKDAY: sb_putn(sb, day_names[c.wday], 3); break;
    case STD_LONG_WEEKDAY: sb_puts(sb, day_names[c.wday]); break;
    case STD_DAY: put_int(sb, c.day, 0); break;
    case STD_UNDER_DAY: if (c.day < 10) sb_putc(sb, ' '); put_int(sb, c.day, 0); break;
    case STD_ZERO_DAY: put_int(sb, c.day, 2); break;
    case STD_UNDER_YEARDAY:
      if (c.yday < 100) { sb_putc(sb, ' '); if (c.yday < 10) sb_putc(sb, ' '); }
      put_int(sb, c.yday, 0);
      break;
    case STD_ZERO_YEARDAY: put_int(sb, c.yday, 3); break;
    case STD_HOUR: put_int(sb, c.hour, 2); break;
    case STD_HOUR12: put_int(sb, c.hour % 12 == 0 ? 12 : c.hour % 12, 0); break;
    case STD_ZERO_HOUR12: put_int(sb, c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
    case STD_MINUTE: put_int(sb, c.min, 0); break;
    case STD_ZERO_MINUTE: put_int(sb, c.min, 2); break;
    case STD_SECOND: put_int(sb, c.sec, 0); break;
    case STD_ZERO_SECOND: put_int(sb, c.sec, 2); break;
    case STD_PM: sb_puts(sb, c.hour >= 12 ? "PM" : "AM"); break;
    case STD_pm: sb_puts(sb, c.hour >= 12 ? "pm" : "am"); break;
    case STD_ISO_TZ: case STD_ISO_COLON_TZ: case STD_ISO_SECONDS_TZ: case STD_ISO_SHORT_TZ:
    case STD_ISO_COLON_SECONDS_TZ: case STD_NUM_TZ: case STD_NUM_COLON_TZ: case STD_NUM_SECONDS_TZ:
    case STD_NUM_SHORT_TZ: case STD_NUM_COLON_SECONDS_TZ: {
      bool iso = k.std >= STD_ISO_TZ && k.std <= STD_ISO_COLON_SECONDS_TZ;
      if (c.off == 0 && iso) { sb_putc(sb, 'Z'); break; }
      long zone = c.off / 60, abs = c.off;
      if (zone < 0) { sb_putc(sb, '-'); zone = -zone; abs = -abs; }
      else sb_putc(sb, '+');
      put_int(sb, zone / 60, 2);
      bool colon = k.std == STD_ISO_COLON_TZ || k.std == STD_NUM_COLON_TZ ||
                   k.std == STD_ISO_COLON_SECONDS_TZ || k.std == STD_NUM_COLON_SECONDS_TZ;
      if (colon) sb_putc(sb, ':');
      if (k.std != STD_NUM_SHORT_TZ && k.std != STD_ISO_SHORT_TZ) put_int(sb, zone % 60, 2);
      if (k.std == STD_ISO_SECONDS_TZ || k.std == STD_NUM_SECONDS_TZ ||
          k.std == STD_NUM_COLON_SECONDS_TZ || k.std == STD_ISO_COLON_SECONDS_TZ) {
        if (colon) sb_putc(sb, ':');
        put_int(sb, abs % 60, 2);
      }
      break;
    }
    case STD_TZ:
      if (c.zone && *c.zone) { sb_puts(sb, c.zone); break; }
      {
        long zone = c.off / 60;
        if (zone < 0) { sb_putc(sb, '-'); zone = -zone; }
        else sb_putc(sb, '+');
        put_int(sb, zone / 60, 2);
        put_int(sb, zone % 60, 2);
      }
      break;
    case STD_FRAC0: case STD_FRAC9: {
      char frac[16];
      snprintf(frac, sizeof frac, "%09lld", (long long)c.nsec);
      int nd = k.ndigits > 9 ? 9 : k.ndigits;
      if (k.std == STD_FRAC9) {
        while (nd > 0 && frac[nd - 1] == '0') nd--;
        if (nd == 0) break;
      }
      sb_putc(sb, k.sep);
      sb_putn(sb, frac, (size_t)nd);
      break;
    }
    }
  }
}

static Value time_string_val(tns_t r, int loc) {
  StrBuf sb;
  sb_init(&sb);
  static const char lay[] = "2006-01-02 15:04:05.999999999 -0700 MST";
  format_time(&sb, r, loc, lay, sizeof lay - 1);
  return str_val_n(sb_cstr(&sb), (int64_t)sb.len);
}

static int tm_string(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  r[0] = time_string_val(t, loc);
  return 1;
}

static int tm_format(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  if (n < 2 || a[1].kind != VAL_STR) {
    r[0] = time_string_val(t, loc);
    return 1;
  }
  StrBuf sb;
  sb_init(&sb);
  format_time(&sb, t, loc, AS_STR(a[1])->data, (size_t)AS_STR(a[1])->len);
  r[0] = str_val_n(sb_cstr(&sb), (int64_t)sb.len);
  return 1;
}

/* ---- time.Parse: Go's algorithm and error texts ---- */

static Value parse_error(const char *layout, size_t ll, const char *value, size_t vl,
                         const char *lelem, size_t lel, const char *velem, size_t vel,
                         const char *msg) {
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "parsing time ");
  fmt_quote(&b, value, vl, false);
  if (msg) {
    sb_puts(&b, msg);
  } else {
    sb_puts(&b, " as ");
    fmt_quote(&b, layout, ll, false);
    sb_puts(&b, ": cannot parse ");
    fmt_quote(&b, velem, vel, false);
    sb_puts(&b, " as ");
    fmt_quote(&b, lelem, lel, false);
  }
  return api_error_new(sb_cstr(&b), NIL_VAL);
}

static bool is_digit_at(const char *s, size_t n, size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; }

/* getnum: one or two digits (exactly two if fixed). */
static bool getnum(const char **s, size_t *n, bool fixed, int *out) {
  if (!is_digit_at(*s, *n, 0)) return false;
  if (!is_digit_at(*s, *n, 1)) {
    if (fixed) return false;
    *out = (*s)[0] - '0';
    (*s)++; (*n)--;
    return true;
  }
  *out = ((*s)[0] - '0') * 10 + ((*s)[1] - '0');
  *s += 2; *n -= 2;
  return true;
}

static bool getnum3(const char **s, size_t *n, bool fixed, int *out) {
  int v = 0, i = 0;
  while (i < 3 && is_digit_at(*s, *n, (size_t)i)) { v = v * 10 + ((*s)[i] - '0'); i++; }
  if (i == 0 || (fixed && i != 3)) return false;
  *s += i; *n -= (size_t)i;
  *out = v;
  return true;
}

static int lookup_name(const char *const *tab, int cnt, bool short3, const char **s, size_t *n) {
  for (int i = 0; i < cnt; i++) {
    size_t l = short3 ? 3 : strlen(tab[i]);
    if (*n >= l && strncasecmp(*s, tab[i], l) == 0) {
      *s += l; *n -= l;
      return i;
    }
  }
  return -1;
}

static bool parse_nanos(const char *v, size_t nbytes, int64_t *ns, const char **range) {
  if (v[0] != '.' && v[0] != ',') return false;
  if (nbytes > 10) nbytes = 10;
  int64_t x = 0;
  for (size_t i = 1; i < nbytes; i++) {
    if (v[i] < '0' || v[i] > '9') return false;
    x = x * 10 + (v[i] - '0');
  }
  for (size_t i = 0; i < 10 - nbytes; i++) x *= 10;
  *ns = x;
  (void)range;
  return true;
}

/* Go's parseTimeZone: the length of the zone name at the start of v, or 0. */
static size_t parse_tz_name(const char *v, size_t n) {
  if (n < 3) return 0;
  if (n >= 4 && (!memcmp(v, "ChST", 4) || !memcmp(v, "MeST", 4))) return 4;
  size_t start = 0;
  if (!memcmp(v, "GMT", 3)) {   /* GMT, or GMT with an hour offset */
    if (n == 3) return 3;
    start = 3;
  }
  if (start < n && (v[start] == '+' || v[start] == '-')) {
    /* a signed offset in -23..+23: "+03" */
    size_t i = start + 1;
    int64_t x = 0;
    while (i < n && v[i] >= '0' && v[i] <= '9' && x < 100) x = x * 10 + (v[i++] - '0');
    if (i < n && v[i] >= '0' && v[i] <= '9') return start;   /* too long a number */
    return i == start + 1 || x > 23 ? start : i;
  }
  if (start) return 3;
  size_t up = 0;
  while (up < 6 && up < n && v[up] >= 'A' && v[up] <= 'Z') up++;
  if (up == 3) return 3;
  if (up == 4 && (v[3] == 'T' || !memcmp(v, "WITA", 4))) return 4;
  if (up == 5 && v[4] == 'T') return 5;
  return 0;
}

/* defloc: the location without a zone in the value (Parse: UTC;
** ParseInLocation: its argument); local: the one whose zone names and
** offsets the value's zone may match (Parse: Local; ParseInLocation: its
** argument). */
static bool parse_time(const char *layout, size_t ll, const char *value, size_t vl, int defloc,
                       int local, tns_t *out, int *out_loc, Value *err) {
  const char *lay = layout, *val = value;
  size_t lrest = ll, vrest = vl;
  int64_t year = 0;
  int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0;
  int64_t nsec = 0;
  int zloc = -1;           /* LOC_UTC when a Z or "UTC" was read */
  long zone_offset = -1;
  bool have_offset = false, pm_set = false, am_set = false;
  const char *zone_name = NULL;
  size_t zone_name_len = 0;
  for (;;) {
    Chunk k = next_chunk(lay, lrest);
    /* skip the literal prefix (spaces match runs of spaces) */
    const char *pre = lay;
    size_t pn = k.prefix;
    while (pn > 0) {
      if (pre[0] == ' ') {
        if (vrest > 0 && val[0] != ' ') goto bad_prefix;
        while (pn > 0 && pre[0] == ' ') { pre++; pn--; }
        while (vrest > 0 && val[0] == ' ') { val++; vrest--; }
        continue;
      }
      if (vrest == 0 || val[0] != pre[0]) goto bad_prefix;
      pre++; pn--; val++; vrest--;
    }
    if (k.std == STD_NONE) {
      if (vrest != 0) {
        StrBuf b;
        sb_init(&b);
        sb_puts(&b, ": extra text: ");
        fmt_quote(&b, val, vrest, false);
        *err = parse_error(layout, ll, value, vl, NULL, 0, NULL, 0, sb_cstr(&b));
        return false;
      }
      break;
    }
    const char *stdstr = lay + k.prefix;
    size_t stdlen = k.len;
    lay += k.prefix + k.len;
    lrest -= k.prefix + k.len;
    const char *range = NULL;
    bool ok = true;
    int x;
    switch (k.std) {
    case STD_YEAR:
      if (vrest < 2 || !is_digit_at(val, vrest, 0) || !is_digit_at(val, vrest, 1)) { ok = false; break; }
      year = (val[0] - '0') * 10 + (val[1] - '0');
      year += year >= 69 ? 1900 : 2000;
      val += 2; vrest -= 2;
      break;
    case STD_LONG_YEAR:
      if (vrest < 4 || !is_digit_at(val, vrest, 0)) { ok = false; break; }
      year = 0;
      for (int i = 0; i < 4; i++) {
        if (!is_digit_at(val, vrest, (size_t)i)) { ok = false; break; }
        year = year * 10 + (val[i] - '0');
      }
      val += 4; vrest -= 4;      /* Go reports the text after the 4 bytes */
      break;
    case STD_MONTH: case STD_LONG_MONTH:
      x = lookup_name(month_names, 12, k.std == STD_MONTH, &val, &vrest);
      if (x < 0) ok = false; else month = x + 1;
      break;
    case STD_NUM_MONTH: case STD_ZERO_MONTH:
      ok = getnum(&val, &vrest, k.std == STD_ZERO_MONTH, &month);
      if (ok && (month <= 0 || month > 12)) range = "month";
      break;
    case STD_WEEKDAY: case STD_LONG_WEEKDAY:
      if (lookup_name(day_names, 7, k.std == STD_WEEKDAY, &val, &vrest) < 0) ok = false;
      break;
    case STD_DAY: case STD_UNDER_DAY: case STD_ZERO_DAY:
      if (k.std == STD_UNDER_DAY && vrest > 0 && val[0] == ' ') { val++; vrest--; }
      ok = getnum(&val, &vrest, k.std == STD_ZERO_DAY, &day);
      break;
    case STD_UNDER_YEARDAY: case STD_ZERO_YEARDAY:
      for (int i = 0; i < 2; i++)
        if (k.std == STD_UNDER_YEARDAY && vrest > 0 && val[0] == ' ') { val++; vrest--; }
      ok = getnum3(&val, &vrest, k.std == STD_ZERO_YEARDAY, &yday);
      break;
    case STD_HOUR:
      ok = getnum(&val, &vrest, false, &hour);
      if (ok && (hour < 0 || hour >= 24)) range = "hour";
      break;
    case STD_HOUR12: case STD_ZERO_HOUR12:
      ok = getnum(&val, &vrest, k.std == STD_ZERO_HOUR12, &hour);
      if (ok && (hour < 0 || hour > 12)) range = "hour";
      break;
    case STD_MINUTE: case STD_ZERO_MINUTE:
      ok = getnum(&val, &vrest, k.std == STD_ZERO_MINUTE, &min);
      if (ok && (min < 0 || min >= 60)) range = "minute";
      break;
    case STD_SECOND: case STD_ZERO_SECOND:
      ok = getnum(&val, &vrest, k.std == STD_ZERO_SECOND, &sec);
      if (!ok) break;
      if (sec < 0 || sec >= 60) { range = "second"; break; }
      /* a fractional second in the value but not in the layout */
      if (vrest >= 2 && (val[0] == '.' || val[0] == ',') && is_digit_at(val, vrest, 1)) {
        Chunk nk = next_chunk(lay, lrest);
        if (nk.std == STD_FRAC0 || nk.std == STD_FRAC9) break;
        size_t nd = 2;
        while (nd < vrest && is_digit_at(val, vrest, nd)) nd++;
        ok = parse_nanos(val, nd, &nsec, &range);
        val += nd; vrest -= nd;
      }
      break;
    case STD_PM: case STD_pm:
      if (vrest < 2) { ok = false; break; }
      if (k.std == STD_PM ? !memcmp(val, "PM", 2) : !memcmp(val, "pm", 2)) pm_set = true;
      else if (k.std == STD_PM ? !memcmp(val, "AM", 2) : !memcmp(val, "am", 2)) am_set = true;
      else ok = false;
      val += 2; vrest -= 2;
      break;
    case STD_ISO_TZ: case STD_ISO_COLON_TZ: case STD_ISO_SECONDS_TZ: case STD_ISO_SHORT_TZ:
    case STD_ISO_COLON_SECONDS_TZ: case STD_NUM_TZ: case STD_NUM_COLON_TZ: case STD_NUM_SECONDS_TZ:
    case STD_NUM_SHORT_TZ: case STD_NUM_COLON_SECONDS_TZ: {
      if ((k.std == STD_ISO_TZ || k.std == STD_ISO_SHORT_TZ || k.std == STD_ISO_COLON_TZ) &&
          vrest >= 1 && val[0] == 'Z') {
        val++; vrest--;
        zloc = LOC_UTC;
        break;
      }
      char sign;
      char hh[2], mm[2] = {'0', '0'}, ss[2] = {'0', '0'};
      size_t used;
      if (k.std == STD_ISO_COLON_TZ || k.std == STD_NUM_COLON_TZ) {
        if (vrest < 6 || val[3] != ':') { ok = false; break; }
        memcpy(hh, val + 1, 2); memcpy(mm, val + 4, 2); used = 6;
      } else if (k.std == STD_NUM_SHORT_TZ || k.std == STD_ISO_SHORT_TZ) {
        if (vrest < 3) { ok = false; break; }
        memcpy(hh, val + 1, 2); used = 3;
      } else if (k.std == STD_ISO_COLON_SECONDS_TZ || k.std == STD_NUM_COLON_SECONDS_TZ) {
        if (vrest < 9 || val[3] != ':' || val[6] != ':') { ok = false; break; }
        memcpy(hh, val + 1, 2); memcpy(mm, val + 4, 2); memcpy(ss, val + 7, 2); used = 9;
      } else if (k.std == STD_ISO_SECONDS_TZ || k.std == STD_NUM_SECONDS_TZ) {
        if (vrest < 7) { ok = false; break; }
        memcpy(hh, val + 1, 2); memcpy(mm, val + 3, 2); memcpy(ss, val + 5, 2); used = 7;
      } else {
        if (vrest < 5) { ok = false; break; }
        memcpy(hh, val + 1, 2); memcpy(mm, val + 3, 2); used = 5;
      }
      sign = val[0];
      val += used; vrest -= used;
      for (int i = 0; i < 2; i++)
        if (hh[i] < '0' || hh[i] > '9' || mm[i] < '0' || mm[i] > '9' || ss[i] < '0' || ss[i] > '9') ok = false;
      if (!ok) break;
      long off = (((hh[0] - '0') * 10 + (hh[1] - '0')) * 60 + (mm[0] - '0') * 10 + (mm[1] - '0')) * 60 +
                 (ss[0] - '0') * 10 + (ss[1] - '0');
      if (sign == '-') off = -off;
      else if (sign != '+') { ok = false; break; }
      zone_offset = off;
      have_offset = true;
      break;
    }
    case STD_TZ: {
      if (vrest >= 3 && !memcmp(val, "UTC", 3)) {
        zloc = LOC_UTC;
        val += 3; vrest -= 3;
        break;
      }
      size_t nz = parse_tz_name(val, vrest);
      if (nz == 0) { ok = false; break; }
      zone_name = val;
      zone_name_len = nz;
      val += nz; vrest -= nz;
      break;
    }
    case STD_FRAC0: {
      size_t nd = 1 + (size_t)k.ndigits;
      if (vrest < nd) { ok = false; break; }
      ok = parse_nanos(val, nd, &nsec, &range);
      val += nd; vrest -= nd;
      break;
    }
    case STD_FRAC9: {
      if (vrest < 2 || (val[0] != '.' && val[0] != ',') || val[1] < '0' || val[1] > '9') break;
      size_t i = 0;
      while (i + 1 < vrest && val[i + 1] >= '0' && val[i + 1] <= '9') i++;
      ok = parse_nanos(val, 1 + i, &nsec, &range);
      val += 1 + i; vrest -= 1 + i;
      break;
    }
    }
    if (range) {
      StrBuf b;
      sb_init(&b);
      sb_printf(&b, ": %s out of range", range);
      *err = parse_error(layout, ll, value, vl, stdstr, stdlen, val, vrest, sb_cstr(&b));
      return false;
    }
    if (!ok) {
      *err = parse_error(layout, ll, value, vl, stdstr, stdlen, val, vrest, NULL);
      return false;
    }
    continue;
  bad_prefix:
    *err = parse_error(layout, ll, value, vl, pre, pn, val, vrest, NULL);
    return false;
  }
  if (pm_set && hour < 12) hour += 12;
  else if (am_set && hour == 12) hour = 0;
  if (yday >= 0) {
    int m = 0, d = 0;
    if (is_leap(year)) {
      if (yday == 31 + 29) { m = 2; d = 29; }
      else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) {
      *err = parse_error(layout, ll, value, vl, NULL, 0, NULL, 0, ": day-of-year out of range");
      return false;
    }
    if (m == 0) {
      m = (yday - 1) / 31 + 1;
      int before = 0;
      for (int i = 1; i <= m; i++) before += days_in(i, 2001);
      if (before < yday) m++;
      int start = 0;
      for (int i = 1; i < m; i++) start += days_in(i, 2001);
      d = yday - start;
    }
    if (month >= 0 && month != m) {
      *err = parse_error(layout, ll, value, vl, NULL, 0, NULL, 0, ": day-of-year does not match month");
      return false;
    }
    month = m;
    if (day >= 0 && day != d) {
      *err = parse_error(layout, ll, value, vl, NULL, 0, NULL, 0, ": day-of-year does not match day");
      return false;
    }
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > days_in(month, year)) {
    *err = parse_error(layout, ll, value, vl, NULL, 0, NULL, 0, ": day out of range");
    return false;
  }
  if (zloc >= 0) {
    *out = make_time(year, month, day, hour, min, sec, nsec, zloc);
    *out_loc = zloc;
    return true;
  }
  if (have_offset) {
    tns_t u = unix_ns(make_time(year, month, day, hour, min, sec, nsec, LOC_UTC)) -
              (tns_t)zone_offset * NS_PER_SEC;
    /* local has this offset (and name) then: use it; else a new fixed zone */
    const char *zn;
    long loff = zone_at(local, (int64_t)floor_div128(u, NS_PER_SEC), &zn);
    int loc = local;
    if (loff != zone_offset || (zone_name && (strlen(zn) != zone_name_len ||
                                              memcmp(zn, zone_name, zone_name_len) != 0)))
      loc = tz_fixed(zone_name ? zone_name : "", zone_name ? zone_name_len : 0, zone_offset);
    if (loc < 0) loc = LOC_UTC;   /* no location codes left: keep the instant */
    *out = from_unix_ns(u);
    *out_loc = loc;
    return true;
  }
  if (zone_name) {
    /* a zone name of local in effect then gives local; otherwise a new
    ** fixed zone of that name, offset 0 (GMT+h: h hours) */
    tns_t u = unix_ns(make_time(year, month, day, hour, min, sec, nsec, LOC_UTC));
    long off = 0;
    int loc = local;
    int64_t wall = (int64_t)floor_div128(u, NS_PER_SEC);
    if (!tz_lookup_name(local, zone_name, zone_name_len, wall, &off)) {
      off = 0;
      if (zone_name_len > 3 && !memcmp(zone_name, "GMT", 3)) {   /* GMT+h, GMT-h */
        for (size_t i = 4; i < zone_name_len; i++) off = off * 10 + (zone_name[i] - '0');
        off *= zone_name[3] == '-' ? -3600 : 3600;
      }
      loc = tz_fixed(zone_name, zone_name_len, off);
      if (loc < 0) loc = LOC_UTC;
      off = 0;   /* the fake zone's offset does not move the instant */
    }
    *out = from_unix_ns(u - (tns_t)off * NS_PER_SEC);
    *out_loc = loc;
    return true;
  }
  *out = make_time(year, month, day, hour, min, sec, nsec, defloc);
  *out_loc = defloc;
  return true;
}

static int t_parse(Fiber *f, Value *a, int n, Value *r) {
  if (n < 2 || a[0].kind != VAL_STR || a[1].kind != VAL_STR) {
    vm_panicf(f, "time.Parse: arguments must be strings");
    return NATIVE_PANIC;
  }
  int defloc = LOC_UTC, local = LOC_LOCAL;
  if (n >= 3) {   /* ParseInLocation; a nil loc panics only where Go's Date does */
    defloc = tz_code_of(a[2]);
    local = defloc < 0 ? LOC_UTC : defloc;
  }
  tns_t t = 0;
  int loc = LOC_UTC;
  Value err = NIL_VAL;
  if (!parse_time(AS_STR(a[0])->data, (size_t)AS_STR(a[0])->len, AS_STR(a[1])->data,
                  (size_t)AS_STR(a[1])->len, defloc, local, &t, &loc, &err)) {
    r[0] = time_val_loc(0, LOC_UTC);
    r[1] = err;
    return 2;
  }
  if (loc < 0) {
    vm_panicf(f, "time: missing Location in call to Date");
    return NATIVE_PANIC;
  }
  r[0] = time_val_loc(t, loc);
  r[1] = NIL_VAL;
  return 2;
}

/* ---- for encoding/json (stdlib/ext.h) ---- */

bool time_is_time_type(const Type *t) { return t && time_type && t == time_type; }

bool time_is_time(Value v) { return v.kind == VAL_INT && time_type && v.aux == time_type->id; }

const char *time_marshal_text(Value t) {
  int loc;
  tns_t r = time_arg(&t, 1, 0, &loc);
  Civil c;
  civil_of(r, loc, &c);
  if (c.year < 0 || c.year >= 10000) return NULL;
  StrBuf sb;
  sb_init(&sb);
  static const char lay[] = "2006-01-02T15:04:05.999999999Z07:00";
  format_time(&sb, r, loc, lay, sizeof lay - 1);
  return sb_cstr(&sb);
}

bool time_unmarshal_json(const char *data, size_t n, Value *out, Value *err) {
  static const char lay[] = "\"2006-01-02T15:04:05Z07:00\"";
  tns_t t = 0;
  int loc = LOC_UTC;
  *err = NIL_VAL;
  if (!parse_time(lay, sizeof lay - 1, data, n, LOC_UTC, LOC_LOCAL, &t, &loc, err)) {
    *out = time_val_loc(0, LOC_UTC);
    return false;
  }
  *out = time_val_loc(t, loc);
  return true;
}

/* time.Date(year, month, day, hour, min, sec, nsec, loc) */
static int t_date(Fiber *f, Value *a, int n, Value *r) {
  int loc = n >= 8 ? tz_code_of(a[7]) : -1;
  if (loc < 0) {
    vm_panicf(f, "time: missing Location in call to Date");
    return NATIVE_PANIC;
  }
  tns_t t = make_time(arg_i(a, n, 0), arg_i(a, n, 1), arg_i(a, n, 2), arg_i(a, n, 3),
                        arg_i(a, n, 4), arg_i(a, n, 5), arg_i(a, n, 6), loc);
  r[0] = time_val_loc(t, loc);
  return 1;
}

/* The instant of argument i in Unix nanoseconds. */
static tns_t ns_arg(const Value *a, int n, int i) { return unix_ns(time_arg(a, n, i, NULL)); }

static int tm_sub(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_val(sat64(ns_arg(a, n, 0) - ns_arg(a, n, 1)));
  return 1;
}

static int tm_add(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  r[0] = time_val_loc(from_unix_ns(unix_ns(t) + arg_i(a, n, 1)), loc);
  return 1;
}

/* AddDate(years, months, days): Date(y+years, m+months, d+days, ...) in t's location. */
static int tm_add_date(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  Civil c;
  civil_of(t, loc, &c);
  tns_t nt = make_time(c.year + arg_i(a, n, 1), c.month + arg_i(a, n, 2), c.day + arg_i(a, n, 3),
                         c.hour, c.min, c.sec, c.nsec, loc);
  r[0] = time_val_loc(nt, loc);
  return 1;
}

static int tm_in_loc(Fiber *f, Value *a, int n, Value *r, int loc) {
  tns_t t = time_arg(a, n, 0, NULL);
  r[0] = time_val_loc(t, loc);
  return 1;
}
static int tm_utc(Fiber *f, Value *a, int n, Value *r) { return tm_in_loc(f, a, n, r, LOC_UTC); }
static int tm_local(Fiber *f, Value *a, int n, Value *r) { return tm_in_loc(f, a, n, r, LOC_LOCAL); }
static int tm_in(Fiber *f, Value *a, int n, Value *r) {
  int loc = n >= 2 ? tz_code_of(a[1]) : -1;
  if (loc < 0) {
    vm_panicf(f, "time: missing Location in call to Time.In");
    return NATIVE_PANIC;
  }
  return tm_in_loc(f, a, n, r, loc);
}
static int tm_location(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  time_arg(a, n, 0, &loc);
  r[0] = tz_location(loc);
  return 1;
}

static int tm_zone(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  Civil c;
  tns_t t_ = time_arg(a, n, 0, &loc);
  civil_of(t_, loc, &c);
  r[0] = str_val(c.zone ? c.zone : "");
  r[1] = INT_VAL(c.off);
  return 2;
}

static int tm_isdst(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  bool dst;
  tz_lookup(loc, (int64_t)floor_div128(unix_ns(t), NS_PER_SEC), NULL, NULL, NULL, &dst);
  r[0] = BOOL_VAL(dst);
  return 1;
}

/* Truncate/Round(d): relative to the zero Time, as Go computes them. */
static int64_t time_mod(tns_t t, int64_t d) {
  tns_t m = (unix_ns(t) - (tns_t)ZERO_TIME_UNIX * NS_PER_SEC) % d;
  if (m < 0) m += d;
  return (int64_t)m;
}

static int tm_truncate(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  int64_t d = arg_i(a, n, 1);
  if (d > 0) t = from_unix_ns(unix_ns(t) - time_mod(t, d));
  r[0] = time_val_loc(t, loc);
  return 1;
}

static int tm_round(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  tns_t t = time_arg(a, n, 0, &loc);
  int64_t d = arg_i(a, n, 1);
  if (d > 0) {
    int64_t m = time_mod(t, d);
    t = from_unix_ns(unix_ns(t) + (less_than_half(m, d) ? -m : d - m));
  }
  r[0] = time_val_loc(t, loc);
  return 1;
}

static int tm_before(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(ns_arg(a, n, 0) < ns_arg(a, n, 1));
  return 1;
}

static int tm_after(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(ns_arg(a, n, 0) > ns_arg(a, n, 1));
  return 1;
}

static int tm_equal(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(ns_arg(a, n, 0) == ns_arg(a, n, 1));
  return 1;
}

static int tm_compare(Fiber *f, Value *a, int n, Value *r) {
  tns_t t = ns_arg(a, n, 0), u = ns_arg(a, n, 1);
  r[0] = INT_VAL(t < u ? -1 : t > u ? 1 : 0);
  return 1;
}

static int tm_iszero(Fiber *f, Value *a, int n, Value *r) {
  r[0] = BOOL_VAL(time_arg(a, n, 0, NULL) == 0);
  return 1;
}

static Value int64_val(int64_t x) {
  Value v = INT_VAL(x);
  v.aux = TID_INT64;
  return v;
}

/* Unix seconds * per + the nanoseconds / (1e9 / per), wrapping on overflow as
** Go's int64 arithmetic does (UnixNano of the zero Time). */
static Value unix_in(const Value *a, int n, int64_t per) {
  tns_t u = ns_arg(a, n, 0);
  int64_t sec = sat64(floor_div128(u, NS_PER_SEC));
  int64_t nsec = (int64_t)(u - (tns_t)sec * NS_PER_SEC);
  uint64_t x = (uint64_t)sec * (uint64_t)per + (uint64_t)(nsec / (NS_PER_SEC / per));
  return int64_val((int64_t)x);
}

static int tm_unix(Fiber *f, Value *a, int n, Value *r) {
  r[0] = unix_in(a, n, 1);
  return 1;
}

static int tm_unixmilli(Fiber *f, Value *a, int n, Value *r) {
  r[0] = unix_in(a, n, 1000);
  return 1;
}

static int tm_unixmicro(Fiber *f, Value *a, int n, Value *r) {
  r[0] = unix_in(a, n, 1000000);
  return 1;
}

static int tm_unixnano(Fiber *f, Value *a, int n, Value *r) {
  r[0] = unix_in(a, n, NS_PER_SEC);
  return 1;
}

#define TM_FIELD(NAME, EXPR)                                      \
  static int tm_##NAME(Fiber *f, Value *a, int n, Value *r) {     \
    int loc_;                                                     \
    Civil c;                                                      \
    tns_t t_ = time_arg(a, n, 0, &loc_);                        \
    civil_of(t_, loc_, &c);                                       \
    r[0] = INT_VAL(EXPR);                                         \
    return 1;                                                     \
  }
TM_FIELD(year, c.year)
TM_FIELD(day, c.day)
TM_FIELD(hour, c.hour)
TM_FIELD(minute, c.min)
TM_FIELD(second, c.sec)
TM_FIELD(nanosecond, c.nsec)
TM_FIELD(yearday, c.yday)

static int tm_month(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  Civil c;
  tns_t t_ = time_arg(a, n, 0, &loc);
  civil_of(t_, loc, &c);
  Value v = INT_VAL(c.month);
  v.aux = month_type->id;
  r[0] = v;
  return 1;
}

static int tm_weekday(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  Civil c;
  tns_t t_ = time_arg(a, n, 0, &loc);
  civil_of(t_, loc, &c);
  Value v = INT_VAL(c.wday);
  v.aux = weekday_type->id;
  r[0] = v;
  return 1;
}

/* ISOWeek() (year, week int): the ISO 8601 week holding the Thursday of
** t's Monday-based week (Go's algorithm, on t's calendar day in its location). */
static int tm_isoweek(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  Civil c;
  tns_t t_ = time_arg(a, n, 0, &loc);
  civil_of(t_, loc, &c);
  int d = 4 - c.wday;                 /* to Thursday; Sunday (d == 4) belongs to the week before */
  if (d == 4) d = -3;
  int64_t days = time_days_from_civil(c.year, c.month, c.day) + d;
  int64_t y;
  int m, day;
  time_civil_from_days(days, &y, &m, &day);
  int64_t yday0 = days - time_days_from_civil(y, 1, 1);
  r[0] = INT_VAL(y);
  r[1] = INT_VAL(yday0 / 7 + 1);
  return 2;
}

/* Date() (year int, month Month, day int); Clock() (hour, min, sec int) */
static int tm_date(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  Civil c;
  tns_t t_ = time_arg(a, n, 0, &loc);
  civil_of(t_, loc, &c);
  r[0] = INT_VAL(c.year);
  Value m = INT_VAL(c.month);
  m.aux = month_type->id;
  r[1] = m;
  r[2] = INT_VAL(c.day);
  return 3;
}

static int tm_clock(Fiber *f, Value *a, int n, Value *r) {
  int loc;
  Civil c;
  tns_t t_ = time_arg(a, n, 0, &loc);
  civil_of(t_, loc, &c);
  r[0] = INT_VAL(c.hour);
  r[1] = INT_VAL(c.min);
  r[2] = INT_VAL(c.sec);
  return 3;
}

static int month_string(Fiber *f, Value *a, int n, Value *r) {
  int64_t m = arg_i(a, n, 0);
  if (m >= 1 && m <= 12) {
    r[0] = str_val(month_names[m - 1]);
  } else {
    char buf[48];
    snprintf(buf, sizeof buf, "%%!Month(%lld)", (long long)m);
    r[0] = str_val(buf);
  }
  return 1;
}

static int weekday_string(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  if (d >= 0 && d <= 6) {
    r[0] = str_val(day_names[d]);
  } else {
    char buf[48];
    snprintf(buf, sizeof buf, "%%!Weekday(%lld)", (long long)d);
    r[0] = str_val(buf);
  }
  return 1;
}

/* ---- package functions ---- */

static int t_now(Fiber *f, Value *a, int n, Value *r) {
  r[0] = time_val_loc(now_r(), LOC_LOCAL);
  return 1;
}

static int t_since(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_val(sat64(unix_ns(now_r()) - ns_arg(a, n, 0)));
  return 1;
}

static int t_until(Fiber *f, Value *a, int n, Value *r) {
  r[0] = dur_val(sat64(ns_arg(a, n, 0) - unix_ns(now_r())));
  return 1;
}

/* Unix(sec, nsec), UnixMilli(ms), UnixMicro(us): Local times. */
static int t_unix(Fiber *f, Value *a, int n, Value *r) {
  tns_t ns = (tns_t)arg_i(a, n, 0) * NS_PER_SEC + arg_i(a, n, 1);
  r[0] = time_val_loc(from_unix_ns(ns), LOC_LOCAL);
  return 1;
}

static int t_unixmilli(Fiber *f, Value *a, int n, Value *r) {
  r[0] = time_val_loc(from_unix_ns((tns_t)arg_i(a, n, 0) * 1000000), LOC_LOCAL);
  return 1;
}

static int t_unixmicro(Fiber *f, Value *a, int n, Value *r) {
  r[0] = time_val_loc(from_unix_ns((tns_t)arg_i(a, n, 0) * 1000), LOC_LOCAL);
  return 1;
}

static int t_sleep(Fiber *f, Value *a, int n, Value *r) {
  if (f->resumed) {          /* the timer fired */
    f->resumed = 0;
    return 0;
  }
  int64_t d = arg_i(a, n, 0);
  if (d <= 0) return 0;
  sched_sleep_until(f, sat_add(sched_now(), d));
  return NATIVE_PARK;
}

/* ====================================================================
** Timer, Ticker, After, Tick, AfterFunc
** ==================================================================== */

typedef struct TimerState {
  Timer t;        /* first: the heap holds &t, a base pointer */
  Chan *c;        /* NewTimer/NewTicker/After/Tick */
  Value fn;       /* AfterFunc */
} TimerState;

static void *tstate_create(void) {
  TimerState *s = NEW(TimerState);
  s->t.heap_index = -1;
  return s;
}
static NativeClass tstate_class = {"time.runtimeTimer", NULL, tstate_create, NULL};

static void fire_chan(Timer *t, void *arg) {
  TimerState *s = arg;
  chan_try_send(s->c, time_val_loc(now_r(), LOC_LOCAL));   /* buffer of 1: a slow reader misses ticks */
}

static void fire_func(Timer *t, void *arg) {
  TimerState *s = arg;
  Fiber *g = vm_new_fiber(s->fn, NULL, 0);
  if (!g) return;
  g->created_by = "time.goFunc";
  sched_spawn(g);
}

static Value new_timer_struct(Type *type, TimerState *s) {
  ObjStruct *st = struct_new(type);
  st->f[0] = s->c ? OBJ_VAL(VAL_CHAN, s->c) : (Value){.kind = VAL_CHAN};
  st->f[1] = obj_new(&tstate_class, s);
  return PTR_VAL(PTR_STRUCT, st, 0);
}

static TimerState *start_timer(int64_t d, int64_t period, bool with_chan, Value fn) {
  TimerState *s = tstate_create();
  if (with_chan) s->c = chan_new(time_type, 1);
  s->fn = fn;
  s->t.when = sat_add(sched_now(), d);
  s->t.period = period;
  s->t.fn = with_chan ? fire_chan : fire_func;
  s->t.arg = s;
  timer_start(&s->t);
  return s;
}

static int t_newtimer(Fiber *f, Value *a, int n, Value *r) {
  r[0] = new_timer_struct(timer_type, start_timer(arg_i(a, n, 0), 0, true, NIL_VAL));
  return 1;
}

static int t_after(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = start_timer(arg_i(a, n, 0), 0, true, NIL_VAL);
  r[0] = OBJ_VAL(VAL_CHAN, s->c);
  return 1;
}

static int t_afterfunc(Fiber *f, Value *a, int n, Value *r) {
  Value fn = n > 1 ? a[1] : NIL_VAL;
  r[0] = new_timer_struct(timer_type, start_timer(arg_i(a, n, 0), 0, false, fn));
  return 1;
}

static int t_newticker(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  if (d <= 0) {
    vm_panicf(f, "non-positive interval for NewTicker");
    return NATIVE_PANIC;
  }
  r[0] = new_timer_struct(ticker_type, start_timer(d, d, true, NIL_VAL));
  return 1;
}

static int t_tick(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 0);
  if (d <= 0) {
    r[0] = (Value){.kind = VAL_CHAN};
    return 1;
  }
  TimerState *s = start_timer(d, d, true, NIL_VAL);
  r[0] = OBJ_VAL(VAL_CHAN, s->c);
  return 1;
}

/* The TimerState behind a *Timer / *Ticker receiver. */
static TimerState *recv_timer(Fiber *f, Value v, const char *what) {
  ObjStruct *st = ext_struct_of(v);
  if (!st) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NULL;
  }
  Value h = st->n > 1 ? st->f[1] : NIL_VAL;
  ObjNativeObj *o = h.kind == VAL_OBJ ? h.as.p : NULL;
  TimerState *s = o && o->cls == &tstate_class ? o->data : NULL;
  if (!s || (!s->c && s->t.fn == NULL)) {
    vm_panicf(f, "time: %s called on uninitialized %s", what,
              strstr(what, "Ticker") ? "Ticker" : "Timer");
    return NULL;
  }
  return s;
}

static int timer_stop_m(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = recv_timer(f, a[0], "Stop");
  if (!s) return NATIVE_PANIC;
  r[0] = BOOL_VAL(timer_stop(&s->t));
  return 1;
}

static int timer_reset_m(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = recv_timer(f, a[0], "Reset");
  if (!s) return NATIVE_PANIC;
  bool active = timer_stop(&s->t);
  s->t.when = sat_add(sched_now(), arg_i(a, n, 1));
  s->t.period = 0;
  timer_start(&s->t);
  r[0] = BOOL_VAL(active);
  return 1;
}

static int ticker_stop_m(Fiber *f, Value *a, int n, Value *r) {
  TimerState *s = recv_timer(f, a[0], "Stop of Ticker");
  if (!s) return NATIVE_PANIC;
  timer_stop(&s->t);
  return 0;
}

static int ticker_reset_m(Fiber *f, Value *a, int n, Value *r) {
  int64_t d = arg_i(a, n, 1);
  if (d <= 0) {
    vm_panicf(f, "non-positive interval for Ticker.Reset");
    return NATIVE_PANIC;
  }
  TimerState *s = recv_timer(f, a[0], "Reset of Ticker");
  if (!s) return NATIVE_PANIC;
  timer_stop(&s->t);
  s->t.when = sat_add(sched_now(), d);
  s->t.period = d;
  timer_start(&s->t);
  return 0;
}

/* ====================================================================
** registration
** ==================================================================== */

static void def_const_typed(const char *name, Type *t, int64_t x) {
  Value v = INT_VAL(x);
  v.aux = t->id;
  api_def_value("time", name, v);
}

void stdlib_open_time(void) {
  dur_type = type_named("time", "Duration", type_int64);
  api_def_type("time", "Duration", dur_type);
  api_def_method(dur_type, "String", d_string, -1, false);
  api_def_method(dur_type, "Seconds", d_seconds, -1, false);
  api_def_method(dur_type, "Minutes", d_minutes, -1, false);
  api_def_method(dur_type, "Hours", d_hours, -1, false);
  api_def_method(dur_type, "Milliseconds", d_milliseconds, -1, false);
  api_def_method(dur_type, "Microseconds", d_microseconds, -1, false);
  api_def_method(dur_type, "Nanoseconds", d_nanoseconds, -1, false);
  api_def_method(dur_type, "Truncate", d_truncate, -1, false);
  api_def_method(dur_type, "Round", d_round, -1, false);
  api_def_method(dur_type, "Abs", d_abs, -1, false);
  def_const_typed("Nanosecond", dur_type, 1);
  def_const_typed("Microsecond", dur_type, 1000);
  def_const_typed("Millisecond", dur_type, 1000000);
  def_const_typed("Second", dur_type, NS_PER_SEC);
  def_const_typed("Minute", dur_type, 60 * NS_PER_SEC);
  def_const_typed("Hour", dur_type, 3600 * NS_PER_SEC);
  api_def_func("time", "ParseDuration", t_parse_duration, 1);

  month_type = type_named("time", "Month", type_int);
  api_def_type("time", "Month", month_type);
  api_def_method(month_type, "String", month_string, -1, false);
  for (int i = 0; i < 12; i++) def_const_typed(month_names[i], month_type, i + 1);
  weekday_type = type_named("time", "Weekday", type_int);
  api_def_type("time", "Weekday", weekday_type);
  api_def_method(weekday_type, "String", weekday_string, -1, false);
  for (int i = 0; i < 7; i++) def_const_typed(day_names[i], weekday_type, i);

  time_type = type_named("time", "Time", type_int64);
  api_def_type("time", "Time", time_type);
  api_def_method(time_type, "String", tm_string, -1, false);
  api_def_method(time_type, "Format", tm_format, -1, false);
  api_def_method(time_type, "Sub", tm_sub, -1, false);
  api_def_method(time_type, "Add", tm_add, -1, false);
  api_def_method(time_type, "Before", tm_before, -1, false);
  api_def_method(time_type, "After", tm_after, -1, false);
  api_def_method(time_type, "Equal", tm_equal, -1, false);
  api_def_method(time_type, "Compare", tm_compare, -1, false);
  api_def_method(time_type, "IsZero", tm_iszero, -1, false);
  api_def_method(time_type, "Unix", tm_unix, -1, false);
  api_def_method(time_type, "UnixNano", tm_unixnano, -1, false);
  api_def_method(time_type, "UnixMilli", tm_unixmilli, -1, false);
  api_def_method(time_type, "UnixMicro", tm_unixmicro, -1, false);
  api_def_method(time_type, "Year", tm_year, -1, false);
  api_def_method(time_type, "Month", tm_month, -1, false);
  api_def_method(time_type, "Day", tm_day, -1, false);
  api_def_method(time_type, "Hour", tm_hour, -1, false);
  api_def_method(time_type, "Minute", tm_minute, -1, false);
  api_def_method(time_type, "Second", tm_second, -1, false);
  api_def_method(time_type, "Nanosecond", tm_nanosecond, -1, false);
  api_def_method(time_type, "YearDay", tm_yearday, -1, false);
  api_def_method(time_type, "Weekday", tm_weekday, -1, false);
  api_def_method(time_type, "ISOWeek", tm_isoweek, -1, false);
  api_def_method(time_type, "AddDate", tm_add_date, -1, false);
  api_def_method(time_type, "UTC", tm_utc, -1, false);
  api_def_method(time_type, "Local", tm_local, -1, false);
  api_def_method(time_type, "In", tm_in, -1, false);
  api_def_method(time_type, "Location", tm_location, -1, false);
  api_def_method(time_type, "Zone", tm_zone, -1, false);
  api_def_method(time_type, "IsDST", tm_isdst, -1, false);
  api_def_method(time_type, "Truncate", tm_truncate, -1, false);
  api_def_method(time_type, "Round", tm_round, -1, false);
  api_def_method(time_type, "Date", tm_date, -1, false);
  api_def_method(time_type, "Clock", tm_clock, -1, false);

  tz_open();   /* Location, UTC, Local, FixedZone, LoadLocation... */
  api_def_func("time", "Date", t_date, 8);
  api_def_func("time", "Parse", t_parse, 2);
  api_def_func("time", "ParseInLocation", t_parse, 3);

  api_def_func("time", "Now", t_now, 0);
  api_def_func("time", "Since", t_since, 1);
  api_def_func("time", "Until", t_until, 1);
  api_def_func("time", "Unix", t_unix, 2);
  api_def_func("time", "UnixMilli", t_unixmilli, 1);
  api_def_func("time", "UnixMicro", t_unixmicro, 1);
  api_def_func("time", "Sleep", t_sleep, 1);

  static const struct { const char *name, *layout; } layouts[] = {
    {"Layout", "01/02 03:04:05PM '06 -0700"},
    {"ANSIC", "Mon Jan _2 15:04:05 2006"},
    {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
    {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
    {"RFC822", "02 Jan 06 15:04 MST"},
    {"RFC822Z", "02 Jan 06 15:04 -0700"},
    {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
    {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
    {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
    {"RFC3339", "2006-01-02T15:04:05Z07:00"},
    {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
    {"Kitchen", "3:04PM"},
    {"Stamp", "Jan _2 15:04:05"},
    {"StampMilli", "Jan _2 15:04:05.000"},
    {"StampMicro", "Jan _2 15:04:05.000000"},
    {"StampNano", "Jan _2 15:04:05.000000000"},
    {"DateTime", "2006-01-02 15:04:05"},
    {"DateOnly", "2006-01-02"},
    {"TimeOnly", "15:04:05"},
  };
  for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
    api_def_const("time", layouts[i].name, str_val(layouts[i].layout));

  tstate_type = type_native("time", "runtimeTimer", &tstate_class);
  tstate_class.type = tstate_type;
  chan_time_type = type_chan(time_type, 2);
  Field fields[2] = {
    {.name = "C", .type = chan_time_type},
    {.name = "r", .type = tstate_type},
  };
  Type *st = type_struct(fields, 2);
  timer_type = type_named("time", "Timer", st);
  api_def_type("time", "Timer", timer_type);
  api_def_method(timer_type, "Stop", timer_stop_m, -1, true);
  api_def_method(timer_type, "Reset", timer_reset_m, -1, true);
  ticker_type = type_named("time", "Ticker", st);
  api_def_type("time", "Ticker", ticker_type);
  api_def_method(ticker_type, "Stop", ticker_stop_m, -1, true);
  api_def_method(ticker_type, "Reset", ticker_reset_m, -1, true);

  api_def_func("time", "NewTimer", t_newtimer, 1);
  api_def_func("time", "After", t_after, 1);
  api_def_func("time", "AfterFunc", t_afterfunc, 2);
  api_def_func("time", "NewTicker", t_newticker, 1);
  api_def_func("time", "Tick", t_tick, 1);
}
