/*
 * Forced into every host-test compilation unit (-include): the kernel's own
 * printf family would otherwise replace the C library's, which cmocka uses.
 * Only the host tests rename anything; the kernel is built without this.
 */
#define vsnprintf k_vsnprintf
#define snprintf k_snprintf
#define scnprintf k_scnprintf
