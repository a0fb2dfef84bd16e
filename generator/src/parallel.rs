//! Work spread over the cores: how many there are, and independent jobs run
//! on all of them with their results handed back in order. Parsing the spec
//! files and their pieces, and emitting a module's batches, go through here.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, OnceLock};

/// The cores this process may use. Read once: the standard library reads the
/// cgroup files on every call, a few hundred microseconds each time, which is
/// a noticeable part of a run at 32 endpoints.
pub(crate) fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Runs `work` on every job on up to `threads` threads of its own (one at
/// least) and hands each result to `consume` on the calling thread in the
/// jobs' order, as soon as the results before it are in.
///
/// The calling thread does none of the work. With the system allocator (a
/// build script's) each thread allocates from a heap of its own, and what
/// the next stage's threads can reuse is what earlier threads freed: a spec
/// parsed on the calling thread raised the peak at 10,000 endpoints from
/// 700 MB to 730–814 MB. Spawning costs tens of microseconds.
///
/// A free thread takes the next job in order, except that jobs far heavier
/// than most (by `weight`) go first: started late, one would be left running
/// alone at the end. Taking the others in order keeps few results waiting for
/// their turn (each waiting result is held in memory). Each thread makes its
/// own state with `init` once (an emission context holds tokens, which cannot
/// cross threads). The results do not depend on how the jobs were shared out.
pub(crate) fn in_order<J: Sync, S, R: Send>(
    jobs: &[J],
    threads: usize,
    weight: impl Fn(&J) -> usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &J) -> R + Sync,
    mut consume: impl FnMut(R),
) {
    if jobs.is_empty() {
        return;
    }
    let threads = threads.clamp(1, jobs.len());
    let schedule = schedule(jobs, weight);
    let next = AtomicUsize::new(0);
    let take = || schedule.get(next.fetch_add(1, Ordering::Relaxed)).copied();
    let (done, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (done, take, init, work) = (done.clone(), &take, &init, &work);
            scope.spawn(move || {
                let mut state = init();
                while let Some(i) = take() {
                    if done.send((i, work(&mut state, &jobs[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        let mut ready = Ready::default();
        for (i, result) in results {
            ready.waiting.insert(i, result);
            ready.hand_on(&mut consume);
        }
    });
}

/// The order jobs are taken in: jobs over four times the median weight first,
/// heaviest first, then the others in order.
fn schedule<J>(jobs: &[J], weight: impl Fn(&J) -> usize) -> Vec<usize> {
    let weights: Vec<usize> = jobs.iter().map(weight).collect();
    let mut sorted = weights.clone();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
    let heavy = |i: &usize| weights[*i] > 4 * median;
    let (mut first, rest): (Vec<usize>, Vec<usize>) = (0..jobs.len()).partition(heavy);
    first.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
    first.extend(rest);
    first
}

/// Results that came in before their turn, by job index.
struct Ready<R> {
    waiting: BTreeMap<usize, R>,
    turn: usize,
}

impl<R> Default for Ready<R> {
    fn default() -> Self {
        Ready {
            waiting: BTreeMap::new(),
            turn: 0,
        }
    }
}

impl<R> Ready<R> {
    /// Hands on every result whose turn has come.
    fn hand_on(&mut self, consume: &mut impl FnMut(R)) {
        while let Some(result) = self.waiting.remove(&self.turn) {
            consume(result);
            self.turn += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squares(jobs: &[usize], threads: usize) -> Vec<usize> {
        let mut out = Vec::new();
        in_order(
            jobs,
            threads,
            |&j| j % 7,
            || 0usize,
            |calls, &j| {
                *calls += 1;
                j * j
            },
            |r| out.push(r),
        );
        out
    }

    #[test]
    fn results_come_back_in_job_order_whatever_the_thread_count() {
        let jobs: Vec<usize> = (0..200).collect();
        let expected: Vec<usize> = jobs.iter().map(|j| j * j).collect();
        for threads in [0, 1, 2, 3, 8, 500] {
            assert_eq!(squares(&jobs, threads), expected, "{threads} threads");
        }
    }

    #[test]
    fn heavy_jobs_go_first_and_the_others_keep_their_order() {
        let weights = [1, 1, 50, 1, 1, 40, 1, 1];
        assert_eq!(schedule(&weights, |&w| w), [2, 5, 0, 1, 3, 4, 6, 7]);
        assert_eq!(schedule(&[1, 40, 1, 50, 1], |&w| w), [3, 1, 0, 2, 4]);
        assert_eq!(schedule(&[3, 3, 3], |&w| w), [0, 1, 2]);
        let uneven: Vec<usize> = (0..1000).map(|i| 100 + i % 300).collect();
        assert_eq!(schedule(&uneven, |&w| w), (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn no_jobs_give_no_results() {
        assert!(squares(&[], 4).is_empty());
    }

    #[test]
    fn each_thread_makes_its_state_once() {
        let inits = AtomicUsize::new(0);
        let jobs: Vec<usize> = (0..50).collect();
        let mut count = 0;
        in_order(
            &jobs,
            3,
            |_| 1,
            || inits.fetch_add(1, Ordering::Relaxed),
            |_, &j| j,
            |_| count += 1,
        );
        assert_eq!(count, jobs.len());
        let made = inits.load(Ordering::Relaxed);
        assert!((1..=3).contains(&made), "{made} states for 3 threads");
    }

    #[test]
    fn the_core_count_is_at_least_one_and_stays_the_same() {
        assert!(cores() >= 1);
        assert_eq!(cores(), cores());
    }
}
