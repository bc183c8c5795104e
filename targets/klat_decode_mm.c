// SPDX-License-Identifier: GPL-2.0
/*
 * Decoders of memory arguments: PROT_*, mmap's MAP_* type and flags, MADV_*,
 * MREMAP_*, msync's MS_* and mlockall's MCL_*. Linux x86_64 ABI values
 * (include/uapi/asm-generic/mman-common.h, include/uapi/linux/mman.h,
 * arch/x86/include/uapi/asm/mman.h). Runs in process context when the log is
 * read (see klat_decode.h).
 */
#include "klat_decode.h"

static const struct klat_name klat_prots[] = {
	{ 0x1, "PROT_READ" },
	{ 0x2, "PROT_WRITE" },
	{ 0x4, "PROT_EXEC" },
	{ 0x8, "PROT_SEM" },
	{ 0x01000000, "PROT_GROWSDOWN" },
	{ 0x02000000, "PROT_GROWSUP" },
};

/* PROT_NONE for 0 */
static void klat_put_prot(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			  const u64 *args)
{
	(void)args;

	if (!v)
		klat_buf_puts(o, "PROT_NONE");
	else
		klat_put_flags(o, NULL, d->tab, d->n, v);
}

#define KLAT_MAP_TYPE		0xfULL
#define KLAT_MAP_HUGE_SHIFT	26
#define KLAT_MAP_HUGE_MASK	0x3fULL

static const char *const klat_maptypes[16] = {
	"0", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE", "4", "5", "6", "7",
	"MAP_DROPPABLE", "9", "10", "11", "12", "13", "14", "15",
};

static const struct klat_name klat_mapflags[] = {
	{ 0x10, "MAP_FIXED" },
	{ 0x20, "MAP_ANONYMOUS" },
	{ 0x40, "MAP_32BIT" },
	{ 0x80, "MAP_ABOVE4G" },
	{ 0x100, "MAP_GROWSDOWN" },
	{ 0x800, "MAP_DENYWRITE" },
	{ 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" },
	{ 0x4000, "MAP_NORESERVE" },
	{ 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" },
	{ 0x20000, "MAP_STACK" },
	{ 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" },
	{ 0x100000, "MAP_FIXED_NOREPLACE" },
};

/*
 * The mapping type (low 4 bits), the flags, then the huge page size of
 * MAP_HUGETLB (bits 26-31: log2 of the size): MAP_HUGE_2MB, MAP_HUGE_1GB, or
 * in hex like any bit left over.
 */
static void klat_put_mapflags(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			      const u64 *args)
{
	u64 huge = (v >> KLAT_MAP_HUGE_SHIFT) & KLAT_MAP_HUGE_MASK;
	u64 rest = v & ~KLAT_MAP_TYPE;
	const char *hname = NULL;

	(void)args;

	if (huge == 21)
		hname = "MAP_HUGE_2MB";
	else if (huge == 30)
		hname = "MAP_HUGE_1GB";
	if (hname)
		rest &= ~(KLAT_MAP_HUGE_MASK << KLAT_MAP_HUGE_SHIFT);
	klat_buf_puts(o, klat_maptypes[v & KLAT_MAP_TYPE]);
	klat_put_flag_names(o, true, d->tab, d->n, &rest);
	if (hname) {
		klat_buf_puts(o, "|");
		klat_buf_puts(o, hname);
	}
	klat_put_flags_rest(o, true, rest);
}

static const struct klat_name klat_madvs[] = {
	{ 0, "MADV_NORMAL" },
	{ 1, "MADV_RANDOM" },
	{ 2, "MADV_SEQUENTIAL" },
	{ 3, "MADV_WILLNEED" },
	{ 4, "MADV_DONTNEED" },
	{ 8, "MADV_FREE" },
	{ 9, "MADV_REMOVE" },
	{ 10, "MADV_DONTFORK" },
	{ 11, "MADV_DOFORK" },
	{ 12, "MADV_MERGEABLE" },
	{ 13, "MADV_UNMERGEABLE" },
	{ 14, "MADV_HUGEPAGE" },
	{ 15, "MADV_NOHUGEPAGE" },
	{ 16, "MADV_DONTDUMP" },
	{ 17, "MADV_DODUMP" },
	{ 18, "MADV_WIPEONFORK" },
	{ 19, "MADV_KEEPONFORK" },
	{ 20, "MADV_COLD" },
	{ 21, "MADV_PAGEOUT" },
	{ 22, "MADV_POPULATE_READ" },
	{ 23, "MADV_POPULATE_WRITE" },
	{ 24, "MADV_DONTNEED_LOCKED" },
	{ 25, "MADV_COLLAPSE" },
	{ 100, "MADV_HWPOISON" },
	{ 101, "MADV_SOFT_OFFLINE" },
	{ 102, "MADV_GUARD_INSTALL" },
	{ 103, "MADV_GUARD_REMOVE" },
};

static const struct klat_name klat_mremaps[] = {
	{ 1, "MREMAP_MAYMOVE" },
	{ 2, "MREMAP_FIXED" },
	{ 4, "MREMAP_DONTUNMAP" },
};

static const struct klat_name klat_msyncs[] = {
	{ 1, "MS_ASYNC" },
	{ 2, "MS_INVALIDATE" },
	{ 4, "MS_SYNC" },
};

static const struct klat_name klat_mcls[] = {
	{ 1, "MCL_CURRENT" },
	{ 2, "MCL_FUTURE" },
	{ 4, "MCL_ONFAULT" },
};

const struct klat_decoder klat_mm_decoders[] = {
	KLAT_DEC_FN(KLAT_A_PROT, klat_prots, klat_put_prot, "PROT_*"),
	KLAT_DEC_FN(KLAT_A_MAPFLAGS, klat_mapflags, klat_put_mapflags, "MAP_*"),
	KLAT_DEC_ENUM(KLAT_A_MADV, klat_madvs, "MADV_*"),
	KLAT_DEC_FLAGS(KLAT_A_MREMAP, klat_mremaps, "MREMAP_*"),
	KLAT_DEC_FLAGS(KLAT_A_MSYNC, klat_msyncs, "MS_*"),
	KLAT_DEC_FLAGS(KLAT_A_MCL, klat_mcls, "MCL_*"),
};

const size_t klat_mm_ndecoders = ARRAY_SIZE(klat_mm_decoders);
