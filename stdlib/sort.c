/*
** sort.c -- package sort: Go 1.19's algorithms (pattern-defeating quicksort
** for Sort/Slice/Ints..., insertion-sort blocks + SymMerge for Stable and
** SliceStable), so that the order of equal elements matches Go's exactly.
** Elements are sorted in place in the slice's backing array. less functions
** and sort.Interface methods are csp code called through vm_call; if one
** panics, the sort stops calling back and the panic propagates.
*/
#include <math.h>
#include <string.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"

typedef struct Sorter Sorter;
struct Sorter {
  Fiber *f;
  bool (*less)(Sorter *s, int64_t i, int64_t j);
  void (*swap)(Sorter *s, int64_t i, int64_t j);
  Value *e;        /* slice elements (Ints, Strings, Float64s, Slice) */
  Value fn;        /* Slice: the less func; Sort: the sort.Interface value */
  bool failed;     /* a callback panicked: stop calling csp code */
};

#define LESS(i, j) (s->less(s, (i), (j)))
#define SWAP(i, j) (s->swap(s, (i), (j)))

/* {====================================================================
** The algorithms (ported from Go 1.19's sort package)
** ===================================================================== */

static void insertion_sort(Sorter *s, int64_t a, int64_t b) {
  for (int64_t i = a + 1; i < b; i++)
    for (int64_t j = i; j > a && LESS(j, j - 1); j--) SWAP(j, j - 1);
}

static void sift_down(Sorter *s, int64_t lo, int64_t hi, int64_t first) {
  int64_t root = lo;
  for (;;) {
    int64_t child = 2 * root + 1;
    if (child >= hi) break;
    if (child + 1 < hi && LESS(first + child, first + child + 1)) child++;
    if (!LESS(first + root, first + child)) return;
    SWAP(first + root, first + child);
    root = child;
  }
}

static void heap_sort(Sorter *s, int64_t a, int64_t b) {
  int64_t first = a, lo = 0, hi = b - a;
  for (int64_t i = (hi - 1) / 2; i >= 0; i--) sift_down(s, i, hi, first);
  for (int64_t i = hi - 1; i >= 0; i--) {
    SWAP(first, first + i);
    sift_down(s, lo, i, first);
  }
}

static int bits_len(uint64_t x) {
  int n = 0;
  while (x) { n++; x >>= 1; }
  return n;
}

static void break_patterns(Sorter *s, int64_t a, int64_t b) {
  int64_t length = b - a;
  if (length >= 8) {
    uint64_t random = (uint64_t)length;
    uint64_t modulus = (uint64_t)1 << bits_len((uint64_t)length);
    for (int64_t idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
      random ^= random << 13;
      random ^= random >> 17;
      random ^= random << 5;
      int64_t other = (int64_t)(random & (modulus - 1));
      if (other >= length) other -= length;
      SWAP(idx, a + other);
    }
  }
}

enum { HINT_UNKNOWN, HINT_INCREASING, HINT_DECREASING };

static void order2(Sorter *s, int64_t *a, int64_t *b, int *swaps) {
  if (LESS(*b, *a)) {
    (*swaps)++;
    int64_t t = *a;
    *a = *b;
    *b = t;
  }
}

static int64_t median(Sorter *s, int64_t a, int64_t b, int64_t c, int *swaps) {
  order2(s, &a, &b, swaps);
  order2(s, &b, &c, swaps);
  order2(s, &a, &b, swaps);
  return b;
}

static int64_t median_adjacent(Sorter *s, int64_t a, int *swaps) {
  return median(s, a - 1, a, a + 1, swaps);
}

static int64_t choose_pivot(Sorter *s, int64_t a, int64_t b, int *hint) {
  int64_t l = b - a;
  int swaps = 0;
  int64_t i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
  if (l >= 8) {
    if (l >= 50) {
      i = median_adjacent(s, i, &swaps);
      j = median_adjacent(s, j, &swaps);
      k = median_adjacent(s, k, &swaps);
    }
    j = median(s, i, j, k, &swaps);
  }
  *hint = swaps == 0 ? HINT_INCREASING : swaps == 12 ? HINT_DECREASING : HINT_UNKNOWN;
  return j;
}

static void reverse_range(Sorter *s, int64_t a, int64_t b) {
  for (int64_t i = a, j = b - 1; i < j; i++, j--) SWAP(i, j);
}

static bool partial_insertion_sort(Sorter *s, int64_t a, int64_t b) {
  int64_t i = a + 1;
  for (int step = 0; step < 5; step++) {
    while (i < b && !LESS(i, i - 1)) i++;
    if (i == b) return true;
    if (b - a < 50) return false;
    SWAP(i, i - 1);
    if (i - a >= 2) {
      for (int64_t j = i - 1; j >= 1; j--) {
        if (!LESS(j, j - 1)) break;
        SWAP(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (int64_t j = i + 1; j < b; j++) {
        if (!LESS(j, j - 1)) break;
        SWAP(j, j - 1);
      }
    }
  }
  return false;
}

static int64_t partition_equal(Sorter *s, int64_t a, int64_t b, int64_t pivot) {
  SWAP(a, pivot);
  int64_t i = a + 1, j = b - 1;
  for (;;) {
    while (i <= j && !LESS(a, i)) i++;
    while (i <= j && LESS(a, j)) j--;
    if (i > j) break;
    SWAP(i, j);
    i++;
    j--;
  }
  return i;
}

static int64_t partition(Sorter *s, int64_t a, int64_t b, int64_t pivot, bool *already) {
  SWAP(a, pivot);
  int64_t i = a + 1, j = b - 1;
  while (i <= j && LESS(i, a)) i++;
  while (i <= j && !LESS(j, a)) j--;
  if (i > j) {
    SWAP(j, a);
    *already = true;
    return j;
  }
  SWAP(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && LESS(i, a)) i++;
    while (i <= j && !LESS(j, a)) j--;
    if (i > j) break;
    SWAP(i, j);
    i++;
    j--;
  }
  SWAP(j, a);
  *already = false;
  return j;
}

static void pdqsort(Sorter *s, int64_t a, int64_t b, int limit) {
  bool was_balanced = true, was_partitioned = true;
  for (;;) {
    int64_t length = b - a;
    if (length <= 12) {
      insertion_sort(s, a, b);
      return;
    }
    if (limit == 0) {
      heap_sort(s, a, b);
      return;
    }
    if (!was_balanced) {
      break_patterns(s, a, b);
      limit--;
    }
    int hint;
    int64_t pivot = choose_pivot(s, a, b, &hint);
    if (hint == HINT_DECREASING) {
      reverse_range(s, a, b);
      pivot = (b - 1) - (pivot - a);
      hint = HINT_INCREASING;
    }
    if (was_balanced && was_partitioned && hint == HINT_INCREASING) {
      if (partial_insertion_sort(s, a, b)) return;
    }
    if (a > 0 && !LESS(a - 1, pivot)) {
      a = partition_equal(s, a, b, pivot);
      continue;
    }
    bool already;
    int64_t mid = partition(s, a, b, pivot, &already);
    was_partitioned = already;
    int64_t left = mid - a, right = b - mid;
    int64_t threshold = length / 8;
    if (left < right) {
      was_balanced = left >= threshold;
      pdqsort(s, a, mid, limit);
      a = mid + 1;
    } else {
      was_balanced = right >= threshold;
      pdqsort(s, mid + 1, b, limit);
      b = mid;
    }
  }
}

static void sort_all(Sorter *s, int64_t n) { pdqsort(s, 0, n, bits_len((uint64_t)n)); }

static void swap_range(Sorter *s, int64_t a, int64_t b, int64_t n) {
  for (int64_t i = 0; i < n; i++) SWAP(a + i, b + i);
}

static void rotate(Sorter *s, int64_t a, int64_t m, int64_t b) {
  int64_t i = m - a, j = b - m;
  while (i != j) {
    if (i > j) {
      swap_range(s, m - i, m, j);
      i -= j;
    } else {
      swap_range(s, m - i, m + j - i, i);
      j -= i;
    }
  }
  swap_range(s, m - i, m, i);
}

static void sym_merge(Sorter *s, int64_t a, int64_t m, int64_t b) {
  if (m - a == 1) {
    int64_t i = m, j = b;
    while (i < j) {
      int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
      if (LESS(h, a)) i = h + 1;
      else j = h;
    }
    for (int64_t k = a; k < i - 1; k++) SWAP(k, k + 1);
    return;
  }
  if (b - m == 1) {
    int64_t i = a, j = m;
    while (i < j) {
      int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
      if (!LESS(m, h)) i = h + 1;
      else j = h;
    }
    for (int64_t k = m; k > i; k--) SWAP(k, k - 1);
    return;
  }
  int64_t mid = (int64_t)((uint64_t)(a + b) >> 1);
  int64_t n = mid + m;
  int64_t start, r;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  int64_t p = n - 1;
  while (start < r) {
    int64_t c = (int64_t)((uint64_t)(start + r) >> 1);
    if (!LESS(p - c, c)) start = c + 1;
    else r = c;
  }
  int64_t end = n - start;
  if (start < m && m < end) rotate(s, start, m, end);
  if (a < start && start < mid) sym_merge(s, a, start, mid);
  if (mid < end && end < b) sym_merge(s, mid, end, b);
}

static void stable(Sorter *s, int64_t n) {
  int64_t block = 20;
  int64_t a = 0, b = block;
  while (b <= n) {
    insertion_sort(s, a, b);
    a = b;
    b += block;
  }
  insertion_sort(s, a, n);
  while (block < n) {
    a = 0;
    b = 2 * block;
    while (b <= n) {
      sym_merge(s, a, a + block, b);
      a = b;
      b += 2 * block;
    }
    int64_t m = a + block;
    if (m < n) sym_merge(s, a, m, n);
    block *= 2;
  }
}

static bool is_sorted(Sorter *s, int64_t n) {
  for (int64_t i = n - 1; i > 0; i--)
    if (LESS(i, i - 1)) return false;
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Less/Swap flavours
** ===================================================================== */

static void swap_elems(Sorter *s, int64_t i, int64_t j) {
  Value t = s->e[i];
  s->e[i] = s->e[j];
  s->e[j] = t;
}

static bool less_int(Sorter *s, int64_t i, int64_t j) { return s->e[i].as.i < s->e[j].as.i; }

static bool less_float(Sorter *s, int64_t i, int64_t j) {
  double x = s->e[i].kind == VAL_FLOAT ? s->e[i].as.f : (double)s->e[i].as.i;
  double y = s->e[j].kind == VAL_FLOAT ? s->e[j].as.f : (double)s->e[j].as.i;
  return x < y || (isnan(x) && !isnan(y));
}

static int str_cmp(Value a, Value b) {
  ObjString *x = AS_STR(a), *y = AS_STR(b);
  int64_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->data, y->data, (size_t)n);
  if (c) return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

static bool less_str(Sorter *s, int64_t i, int64_t j) { return str_cmp(s->e[i], s->e[j]) < 0; }

static bool less_func(Sorter *s, int64_t i, int64_t j) {
  if (s->failed) return false;
  Value args[2] = {INT_VAL(i), INT_VAL(j)};
  Value r[NATIVE_MAX_RESULTS];
  int n = vm_call(s->f, s->fn, args, 2, r, 1);
  if (n == NATIVE_PANIC) {
    s->failed = true;
    return false;
  }
  return n >= 1 && IS_TRUE(r[0]);
}

static bool less_iface(Sorter *s, int64_t i, int64_t j) {
  if (s->failed) return false;
  Value args[2] = {INT_VAL(i), INT_VAL(j)};
  Value r[NATIVE_MAX_RESULTS];
  int n = api_call_method(s->f, s->fn, "Less", args, 2, r, 1);
  if (n < 0) {
    if (n == -3) vm_panicf(s->f, "sort: value of type %s has no Less method", type_str(value_type(s->fn)));
    s->failed = true;
    return false;
  }
  return n >= 1 && IS_TRUE(r[0]);
}

static void swap_iface(Sorter *s, int64_t i, int64_t j) {
  if (s->failed) return;
  Value args[2] = {INT_VAL(i), INT_VAL(j)};
  Value r[NATIVE_MAX_RESULTS];
  int n = api_call_method(s->f, s->fn, "Swap", args, 2, r, 0);
  if (n < 0) {
    if (n == -3) vm_panicf(s->f, "sort: value of type %s has no Swap method", type_str(value_type(s->fn)));
    s->failed = true;
  }
}

/* }==================================================================== */

/* {====================================================================
** Package functions
** ===================================================================== */

static bool slice_arg(Fiber *f, const char *fname, Value v, Value **e, int64_t *n) {
  if (v.kind != VAL_SLICE && v.kind != VAL_NIL) {
    arg_error(f, fname, 0, "slice", v);
    return false;
  }
  *e = seq_elems(v, n);
  return true;
}

#define SORT_ELEMS(cname, goname, lessfn)                                 \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {        \
    Sorter s = {f, lessfn, swap_elems, NULL, NIL_VAL, false};             \
    int64_t n;                                                            \
    if (!slice_arg(f, goname, args[0], &s.e, &n)) return NATIVE_PANIC;   \
    if (n > 1) sort_all(&s, n);                                           \
    return 0;                                                             \
  }

SORT_ELEMS(so_ints, "sort.Ints", less_int)
SORT_ELEMS(so_strings, "sort.Strings", less_str)
SORT_ELEMS(so_float64s, "sort.Float64s", less_float)

#define SORTED_ELEMS(cname, goname, lessfn)                               \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {        \
    Sorter s = {f, lessfn, swap_elems, NULL, NIL_VAL, false};             \
    int64_t n;                                                            \
    if (!slice_arg(f, goname, args[0], &s.e, &n)) return NATIVE_PANIC;   \
    res[0] = BOOL_VAL(is_sorted(&s, n));                                  \
    return 1;                                                             \
  }

SORTED_ELEMS(so_ints_sorted, "sort.IntsAreSorted", less_int)
SORTED_ELEMS(so_strings_sorted, "sort.StringsAreSorted", less_str)
SORTED_ELEMS(so_float64s_sorted, "sort.Float64sAreSorted", less_float)

static int so_slice(Fiber *f, Value *args, int nargs, Value *res) {
  Sorter s = {f, less_func, swap_elems, NULL, args[1], false};
  int64_t n;
  if (!slice_arg(f, "sort.Slice", args[0], &s.e, &n)) return NATIVE_PANIC;
  sort_all(&s, n);
  return s.failed ? NATIVE_PANIC : 0;
}

static int so_slice_stable(Fiber *f, Value *args, int nargs, Value *res) {
  Sorter s = {f, less_func, swap_elems, NULL, args[1], false};
  int64_t n;
  if (!slice_arg(f, "sort.SliceStable", args[0], &s.e, &n)) return NATIVE_PANIC;
  stable(&s, n);
  return s.failed ? NATIVE_PANIC : 0;
}

static int so_slice_is_sorted(Fiber *f, Value *args, int nargs, Value *res) {
  Sorter s = {f, less_func, swap_elems, NULL, args[1], false};
  int64_t n;
  if (!slice_arg(f, "sort.SliceIsSorted", args[0], &s.e, &n)) return NATIVE_PANIC;
  bool ok = is_sorted(&s, n);
  if (s.failed) return NATIVE_PANIC;
  res[0] = BOOL_VAL(ok);
  return 1;
}

/* data.Len() of a sort.Interface value. */
static bool iface_len(Fiber *f, Value data, int64_t *n) {
  Value r[NATIVE_MAX_RESULTS];
  int k = api_call_method(f, data, "Len", NULL, 0, r, 1);
  if (k == -3) {
    vm_panicf(f, "sort: value of type %s does not implement sort.Interface (missing Len method)",
              type_str(value_type(data)));
    return false;
  }
  if (k < 0) return false;
  *n = k >= 1 && r[0].kind == VAL_INT ? r[0].as.i : 0;
  return true;
}

/* sort.Reverse(data): a native wrapper that swaps Less's arguments. */
static NativeClass reverse_cls = {"*sort.reverse", NULL, NULL, NULL};

static Value reverse_inner(Value v) {
  if (v.kind == VAL_OBJ && v.as.p && ((ObjNativeObj *)v.as.p)->cls == &reverse_cls)
    return *(Value *)((ObjNativeObj *)v.as.p)->data;
  return NIL_VAL;
}

static bool less_reverse(Sorter *s, int64_t i, int64_t j) { return less_iface(s, j, i); }

/* Sorter for a sort.Interface value (unwrapping sort.Reverse natively). */
static void iface_sorter(Sorter *s, Fiber *f, Value data) {
  s->f = f;
  s->e = NULL;
  s->failed = false;
  Value inner = reverse_inner(data);
  if (!IS_NIL(inner)) {
    s->fn = inner;
    s->less = less_reverse;
  } else {
    s->fn = data;
    s->less = less_iface;
  }
  s->swap = swap_iface;
}

static int so_sort(Fiber *f, Value *args, int nargs, Value *res) {
  Sorter s;
  iface_sorter(&s, f, args[0]);
  int64_t n;
  if (!iface_len(f, s.fn, &n)) return NATIVE_PANIC;
  if (n > 1) sort_all(&s, n);
  return s.failed ? NATIVE_PANIC : 0;
}

static int so_stable(Fiber *f, Value *args, int nargs, Value *res) {
  Sorter s;
  iface_sorter(&s, f, args[0]);
  int64_t n;
  if (!iface_len(f, s.fn, &n)) return NATIVE_PANIC;
  stable(&s, n);
  return s.failed ? NATIVE_PANIC : 0;
}

static int so_is_sorted(Fiber *f, Value *args, int nargs, Value *res) {
  Sorter s;
  iface_sorter(&s, f, args[0]);
  int64_t n;
  if (!iface_len(f, s.fn, &n)) return NATIVE_PANIC;
  bool ok = is_sorted(&s, n);
  if (s.failed) return NATIVE_PANIC;
  res[0] = BOOL_VAL(ok);
  return 1;
}

static int so_reverse(Fiber *f, Value *args, int nargs, Value *res) {
  Value *inner = NEW(Value);
  *inner = args[0];
  res[0] = obj_new(&reverse_cls, inner);
  return 1;
}

static int rev_len(Fiber *f, Value *args, int nargs, Value *res) {
  Value r[NATIVE_MAX_RESULTS];
  int k = api_call_method(f, reverse_inner(args[0]), "Len", NULL, 0, r, 1);
  if (k == NATIVE_PANIC) return k;
  res[0] = k >= 1 ? r[0] : INT_VAL(0);
  return 1;
}

static int rev_less(Fiber *f, Value *args, int nargs, Value *res) {
  Value a[2] = {args[2], args[1]};
  Value r[NATIVE_MAX_RESULTS];
  int k = api_call_method(f, reverse_inner(args[0]), "Less", a, 2, r, 1);
  if (k == NATIVE_PANIC) return k;
  res[0] = k >= 1 ? r[0] : BOOL_VAL(false);
  return 1;
}

static int rev_swap(Fiber *f, Value *args, int nargs, Value *res) {
  Value a[2] = {args[1], args[2]};
  Value r[NATIVE_MAX_RESULTS];
  int k = api_call_method(f, reverse_inner(args[0]), "Swap", a, 2, r, 0);
  return k == NATIVE_PANIC ? k : 0;
}

#define FNAME "sort.Search"
static int so_search(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, n);
  Value fn = args[1];
  int64_t i = 0, j = n;
  while (i < j) {
    int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
    Value a = INT_VAL(h);
    Value r[NATIVE_MAX_RESULTS];
    int k = vm_call(f, fn, &a, 1, r, 1);
    if (k == NATIVE_PANIC) return k;
    if (!(k >= 1 && IS_TRUE(r[0]))) i = h + 1;
    else j = h;
  }
  res[0] = INT_VAL(i);
  return 1;
}
#undef FNAME

static int64_t search_elems(Value *e, int64_t n, Value x, int kind) {
  int64_t i = 0, j = n;
  while (i < j) {
    int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
    bool ge;
    if (kind == 0) ge = e[h].as.i >= x.as.i;
    else if (kind == 1) ge = str_cmp(e[h], x) >= 0;
    else {
      double a = e[h].kind == VAL_FLOAT ? e[h].as.f : (double)e[h].as.i;
      double b = x.kind == VAL_FLOAT ? x.as.f : (double)x.as.i;
      ge = a >= b;
    }
    if (!ge) i = h + 1;
    else j = h;
  }
  return i;
}

#define FNAME "sort.SearchInts"
static int so_search_ints(Fiber *f, Value *args, int nargs, Value *res) {
  Value *e;
  int64_t n;
  if (!slice_arg(f, FNAME, args[0], &e, &n)) return NATIVE_PANIC;
  ARG_INT(1, x);
  res[0] = INT_VAL(search_elems(e, n, INT_VAL(x), 0));
  return 1;
}
#undef FNAME

#define FNAME "sort.SearchStrings"
static int so_search_strings(Fiber *f, Value *args, int nargs, Value *res) {
  Value *e;
  int64_t n;
  if (!slice_arg(f, FNAME, args[0], &e, &n)) return NATIVE_PANIC;
  ARG_STR(1, x);
  res[0] = INT_VAL(search_elems(e, n, OBJ_VAL(VAL_STR, x), 1));
  return 1;
}
#undef FNAME

#define FNAME "sort.SearchFloat64s"
static int so_search_float64s(Fiber *f, Value *args, int nargs, Value *res) {
  Value *e;
  int64_t n;
  if (!slice_arg(f, FNAME, args[0], &e, &n)) return NATIVE_PANIC;
  ARG_FLOAT(1, x);
  res[0] = INT_VAL(search_elems(e, n, FLOAT_VAL(x), 2));
  return 1;
}
#undef FNAME

/* ---- IntSlice / StringSlice / Float64Slice methods (receiver: the slice) ---- */

static int xs_len(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n;
  seq_elems(args[0], &n);
  res[0] = INT_VAL(n);
  return 1;
}

static int xs_swap(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n, i, j;
  Value *e = seq_elems(args[0], &n);
  if (!to_int(args[1], &i) || !to_int(args[2], &j) || i < 0 || j < 0 || i >= n || j >= n) {
    vm_runtime_error(f, "index out of range");
    return NATIVE_PANIC;
  }
  Value t = e[i];
  e[i] = e[j];
  e[j] = t;
  return 0;
}

#define XS_LESS(cname, lessfn)                                            \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {        \
    int64_t n, i, j;                                                      \
    Value *e = seq_elems(args[0], &n);                                    \
    if (!to_int(args[1], &i) || !to_int(args[2], &j) || i < 0 || j < 0 || i >= n || j >= n) { \
      vm_runtime_error(f, "index out of range");                          \
      return NATIVE_PANIC;                                                \
    }                                                                     \
    Sorter s = {f, lessfn, swap_elems, e, NIL_VAL, false};                \
    res[0] = BOOL_VAL(lessfn(&s, i, j));                                  \
    return 1;                                                             \
  }

XS_LESS(is_less, less_int)
XS_LESS(ss_less, less_str)
XS_LESS(fs_less, less_float)

#define XS_SORT(cname, lessfn)                                            \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {        \
    Sorter s = {f, lessfn, swap_elems, NULL, NIL_VAL, false};             \
    int64_t n;                                                            \
    s.e = seq_elems(args[0], &n);                                         \
    if (n > 1) sort_all(&s, n);                                           \
    return 0;                                                             \
  }

XS_SORT(is_sort, less_int)
XS_SORT(ss_sort, less_str)
XS_SORT(fs_sort, less_float)

/* search: the Search* function, whose (slice, x) arguments are the method's
** (receiver, x). */
static void def_xslice(const char *name, Type *elem, NativeFn less, NativeFn sortfn, NativeFn search) {
  Type *t = type_named("sort", name, type_slice(elem));
  api_def_type("sort", name, t);
  api_def_method(t, "Len", xs_len, 0, false);
  api_def_method(t, "Less", less, 2, false);
  api_def_method(t, "Swap", xs_swap, 2, false);
  api_def_method(t, "Sort", sortfn, 0, false);
  api_def_method(t, "Search", search, 1, false);
}

/* }==================================================================== */

void open_sort(void) {
  const char *P = "sort";
  api_def_func(P, "Ints", so_ints, 1);
  api_def_func(P, "Strings", so_strings, 1);
  api_def_func(P, "Float64s", so_float64s, 1);
  api_def_func(P, "IntsAreSorted", so_ints_sorted, 1);
  api_def_func(P, "StringsAreSorted", so_strings_sorted, 1);
  api_def_func(P, "Float64sAreSorted", so_float64s_sorted, 1);
  api_def_func(P, "Slice", so_slice, 2);
  api_def_func(P, "SliceStable", so_slice_stable, 2);
  api_def_func(P, "SliceIsSorted", so_slice_is_sorted, 2);
  api_def_func(P, "Sort", so_sort, 1);
  api_def_func(P, "Stable", so_stable, 1);
  api_def_func(P, "IsSorted", so_is_sorted, 1);
  api_def_func(P, "Reverse", so_reverse, 1);
  api_def_func(P, "Search", so_search, 2);
  api_def_func(P, "SearchInts", so_search_ints, 2);
  api_def_func(P, "SearchStrings", so_search_strings, 2);
  api_def_func(P, "SearchFloat64s", so_search_float64s, 2);

  Type *rt = api_def_class(&reverse_cls, NULL, NULL);
  api_def_method(rt, "Len", rev_len, 0, true);
  api_def_method(rt, "Less", rev_less, 2, true);
  api_def_method(rt, "Swap", rev_swap, 2, true);

  const char *im[] = {"Len", "Less", "Swap"};
  api_def_type(P, "Interface", type_named("sort", "Interface", type_interface(im, 3)));
  def_xslice("IntSlice", type_int, is_less, is_sort, so_search_ints);
  def_xslice("StringSlice", value_type(OBJ_VAL(VAL_STR, str_empty())), ss_less, ss_sort,
             so_search_strings);
  def_xslice("Float64Slice", type_float64, fs_less, fs_sort, so_search_float64s);
}
