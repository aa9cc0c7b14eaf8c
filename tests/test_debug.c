/* test_debug.c -- MFCB_DEBUG objects, direct and with a queue: a call after the last Release, an AddRef or an
   mfcb_close after it from outside the object's handlers and a Release below zero are caught, with a message naming the interface and the method, and the
   process aborts. Each case runs in a child. */
#define COBJMACROS
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mfreadwrite.cb.h"

static mfcb_queue *queue; /* NULL: direct objects */

static IMFSourceReaderCallback *debug_object(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {NULL, NULL, NULL};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb = NULL;
    opt.flags = MFCB_DEBUG;
    opt.queue = queue;
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, NULL, &opt, &cb) == S_OK);
    if (queue) /* a call pending in the queue keeps the object's memory after the last Release */
        CHECK(IMFSourceReaderCallback_OnFlush(cb, 0) == S_OK);
    return cb;
}

/* Runs fn in a child with stderr on a pipe; returns what it wrote, and checks it died of SIGABRT. */
static void expect_abort(void (*fn)(void), const char *want)
{
    int fds[2], status;
    char got[512];
    ssize_t n, total = 0;
    pid_t pid;
    CHECK(pipe(fds) == 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        fn();
        _exit(0); /* not reached when the check works */
    }
    close(fds[1]);
    while ((n = read(fds[0], got + total, sizeof got - 1 - (size_t)total)) > 0)
        total += n;
    got[total] = 0;
    close(fds[0]);
    CHECK(waitpid(pid, &status, 0) == pid);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "got: %s", got);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strcmp(got, want) == 0);
}

static void call_after_release(void)
{
    IMFSourceReaderCallback *cb = debug_object();
    IMFSourceReaderCallback_Release(cb);
    IMFSourceReaderCallback_OnFlush(cb, 0);
}

static void addref_after_release(void)
{
    IMFSourceReaderCallback *cb = debug_object();
    IMFSourceReaderCallback_Release(cb);
    IMFSourceReaderCallback_AddRef(cb);
}

/* Outside the object's handlers and ctx_release nobody may use a pointer whose references are gone; from
   inside them a close, or a reference taken from zero, is allowed (test_contract). */
static void close_after_release(void)
{
    IMFSourceReaderCallback *cb = debug_object();
    IMFSourceReaderCallback_Release(cb);
    mfcb_close(cb);
}

static void release_below_zero(void)
{
    IMFSourceReaderCallback *cb = debug_object();
    IMFSourceReaderCallback_Release(cb);
    IMFSourceReaderCallback_Release(cb);
}

int main(void)
{
    IMFSourceReaderCallback *cb;
    int round;
    /* direct objects, then objects with a queue (whose memory outlives the last Release) */
    for (round = 0; round < 2; round++) {
        if (round)
            CHECK(mfcb_queue_new(&queue) == S_OK);
        expect_abort(call_after_release,
                     "mfcb: IMFSourceReaderCallback::OnFlush called on an object that was released for the last time\n");
        expect_abort(addref_after_release,
                     "mfcb: IMFSourceReaderCallback::AddRef called on an object that was released for the last time\n");
        expect_abort(close_after_release,
                     "mfcb: IMFSourceReaderCallback::mfcb_close called on an object that was released for the last time\n");
        expect_abort(release_below_zero,
                     "mfcb: Release below zero on IMFSourceReaderCallback: the object was already released for the last time\n");
        /* used normally, a debug object behaves like any other */
        cb = debug_object();
        CHECK(IMFSourceReaderCallback_OnFlush(cb, 0) == S_OK && IMFSourceReaderCallback_Release(cb) == 0);
        if (queue) {
            CHECK(mfcb_queue_dispatch(queue, 0) == 0); /* closed by the last Release: dropped */
            mfcb_queue_free(queue);
        }
        CHECK(mfcb_live_objects() == 0);
    }
    puts("debug: ok");
    return 0;
}
