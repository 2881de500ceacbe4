//! zinnia's C API, opened at run time with `libloading`: `zinnia_recognizer_*` to open a model and
//! classify, `zinnia_character_*` to hand it the strokes, `zinnia_result_*` to read the ranked
//! characters back.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::path::Path;
use std::ptr::NonNull;
use std::sync::{Mutex, PoisonError};

use libloading::Library;

use super::{HandwritingError, Ink};

type Handle = *mut c_void;

/// The functions used, copied out of the library (valid while it stays loaded).
struct Api {
    recognizer_new: unsafe extern "C" fn() -> Handle,
    recognizer_destroy: unsafe extern "C" fn(Handle),
    recognizer_open: unsafe extern "C" fn(Handle, *const c_char) -> c_int,
    recognizer_strerror: unsafe extern "C" fn(Handle) -> *const c_char,
    recognizer_classify: unsafe extern "C" fn(Handle, Handle, usize) -> Handle,
    character_new: unsafe extern "C" fn() -> Handle,
    character_destroy: unsafe extern "C" fn(Handle),
    character_set_width: unsafe extern "C" fn(Handle, usize),
    character_set_height: unsafe extern "C" fn(Handle, usize),
    character_add: unsafe extern "C" fn(Handle, usize, c_int, c_int) -> c_int,
    result_value: unsafe extern "C" fn(Handle, usize) -> *const c_char,
    result_size: unsafe extern "C" fn(Handle) -> usize,
    result_destroy: unsafe extern "C" fn(Handle),
}

/// Opens `name` and finds every function [`Api`] needs.
fn load(name: &str) -> Result<(Library, Api), HandwritingError> {
    // SAFETY: loading zinnia runs no initialisers with preconditions; the library stays loaded
    // for as long as the `Api` copied out of it is used (both live in the `Recognizer`).
    let library = unsafe { Library::new(name) }.map_err(|error| HandwritingError::NoLibrary {
        library: name.to_owned(),
        detail: error.to_string(),
    })?;
    macro_rules! symbol {
        ($name:literal) => {
            // SAFETY: the type is the one zinnia.h declares for this function.
            *unsafe { library.get(concat!($name, "\0").as_bytes()) }.map_err(|error| {
                HandwritingError::NotZinnia {
                    library: name.to_owned(),
                    symbol: $name.to_owned(),
                    detail: error.to_string(),
                }
            })?
        };
    }
    let api = Api {
        recognizer_new: symbol!("zinnia_recognizer_new"),
        recognizer_destroy: symbol!("zinnia_recognizer_destroy"),
        recognizer_open: symbol!("zinnia_recognizer_open"),
        recognizer_strerror: symbol!("zinnia_recognizer_strerror"),
        recognizer_classify: symbol!("zinnia_recognizer_classify"),
        character_new: symbol!("zinnia_character_new"),
        character_destroy: symbol!("zinnia_character_destroy"),
        character_set_width: symbol!("zinnia_character_set_width"),
        character_set_height: symbol!("zinnia_character_set_height"),
        character_add: symbol!("zinnia_character_add"),
        result_value: symbol!("zinnia_result_value"),
        result_size: symbol!("zinnia_result_size"),
        result_destroy: symbol!("zinnia_result_destroy"),
    };
    Ok((library, api))
}

/// The model is a readable file.
fn check_model(model: &Path) -> Result<(), HandwritingError> {
    match std::fs::File::open(model) {
        Ok(file) if file.metadata().is_ok_and(|m| m.is_file()) => Ok(()),
        Ok(_) => Err(HandwritingError::BadModel {
            path: model.to_owned(),
            detail: "not a file".into(),
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(HandwritingError::NoModel {
                path: model.to_owned(),
            })
        }
        Err(error) => Err(HandwritingError::BadModel {
            path: model.to_owned(),
            detail: error.to_string(),
        }),
    }
}

/// Whether handwriting can work here, without opening the model: the library loads and has
/// zinnia's functions, and the model file is there and readable.
pub fn probe(library: &str, model: &Path) -> Result<(), HandwritingError> {
    load(library)?;
    check_model(model)
}

/// A zinnia recogniser with its model open.
pub struct Recognizer {
    api: Api,
    recognizer: NonNull<c_void>,
    /// zinnia does not say that one recogniser may classify on two threads at once.
    classifying: Mutex<()>,
    /// Declared last: dropped after the recogniser is destroyed.
    _library: Library,
}

// SAFETY: the recogniser is owned by this value alone, destroyed once (in `drop`), and every
// call that uses it after opening goes through the `classifying` lock.
unsafe impl Send for Recognizer {}
// SAFETY: as above; `&self` methods take the lock before touching the recogniser.
unsafe impl Sync for Recognizer {}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recognizer").finish_non_exhaustive()
    }
}

impl Recognizer {
    /// Loads `library` and opens `model` (zinnia maps the file into memory).
    pub fn open(library: &str, model: &Path) -> Result<Recognizer, HandwritingError> {
        check_model(model)?;
        let (library, api) = load(library)?;
        let bad_model = |detail: String| HandwritingError::BadModel {
            path: model.to_owned(),
            detail,
        };
        let path = CString::new(model.as_os_str().as_encoded_bytes())
            .map_err(|_| bad_model("a NUL byte in the path".into()))?;
        // SAFETY: zinnia_recognizer_new takes nothing and returns an owned recogniser or null.
        let recognizer = NonNull::new(unsafe { (api.recognizer_new)() })
            .ok_or_else(|| HandwritingError::Recognition("no recogniser".into()))?;
        let recognizer = Recognizer {
            api,
            recognizer,
            classifying: Mutex::new(()),
            _library: library,
        };
        // SAFETY: a live recogniser and a NUL-terminated path; 1 means opened.
        let opened =
            unsafe { (recognizer.api.recognizer_open)(recognizer.handle(), path.as_ptr()) };
        if opened != 1 {
            // `recognizer` is dropped (destroyed) on the way out.
            return Err(bad_model(recognizer.last_error()));
        }
        Ok(recognizer)
    }

    fn handle(&self) -> Handle {
        self.recognizer.as_ptr()
    }

    /// zinnia's words for what went wrong last.
    fn last_error(&self) -> String {
        // SAFETY: a live recogniser; the text it returns lives in the recogniser.
        let text = unsafe { (self.api.recognizer_strerror)(self.handle()) };
        if text.is_null() {
            return String::new();
        }
        // SAFETY: zinnia returns a NUL-terminated string.
        unsafe { CStr::from_ptr(text) }
            .to_string_lossy()
            .into_owned()
    }

    /// The `n` characters the strokes most look like, best first; none for an empty pad.
    pub fn classify(&self, ink: &Ink, n: usize) -> Result<Vec<char>, HandwritingError> {
        if ink.is_empty() || n == 0 {
            return Ok(Vec::new());
        }
        let _only = self
            .classifying
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let character = Character::new(&self.api)?;
        // SAFETY (these three calls): a live character made by `Character::new`.
        unsafe {
            (self.api.character_set_width)(character.0, box_side(ink.width()));
            (self.api.character_set_height)(character.0, box_side(ink.height()));
        }
        for (index, stroke) in ink.strokes().iter().enumerate() {
            for point in stroke {
                // Whole pixels: the points are already inside the box (see `Ink`).
                let (x, y) = (point.x.round() as c_int, point.y.round() as c_int);
                unsafe { (self.api.character_add)(character.0, index, x, y) };
            }
        }
        // SAFETY: a live recogniser (under the lock) and a live character; the result is owned
        // by us and destroyed by `Ranked`'s drop.
        let result = unsafe { (self.api.recognizer_classify)(self.handle(), character.0, n) };
        let Some(result) = NonNull::new(result) else {
            return Err(HandwritingError::Recognition(self.last_error()));
        };
        let result = Ranked(&self.api, result);
        // SAFETY: a live result.
        let size = unsafe { (self.api.result_size)(result.1.as_ptr()) };
        let mut found = Vec::with_capacity(size);
        for index in 0..size {
            // SAFETY: index < size; the text lives in the result.
            let value = unsafe { (self.api.result_value)(result.1.as_ptr(), index) };
            if value.is_null() {
                continue;
            }
            // SAFETY: zinnia returns a NUL-terminated string.
            let value = unsafe { CStr::from_ptr(value) };
            match value.to_str().ok().and_then(|text| text.chars().next()) {
                Some(ch) => found.push(ch),
                None => tracing::warn!(?value, "the handwriting model gave a value not UTF-8"),
            }
        }
        Ok(found)
    }
}

impl Drop for Recognizer {
    fn drop(&mut self) {
        // SAFETY: the recogniser was made by zinnia_recognizer_new and is destroyed only here.
        unsafe { (self.api.recognizer_destroy)(self.handle()) };
    }
}

/// A zinnia character, destroyed when dropped.
struct Character<'a>(Handle, &'a Api);

impl<'a> Character<'a> {
    fn new(api: &'a Api) -> Result<Character<'a>, HandwritingError> {
        // SAFETY: zinnia_character_new takes nothing and returns an owned character or null.
        let character = unsafe { (api.character_new)() };
        if character.is_null() {
            return Err(HandwritingError::Recognition("no character".into()));
        }
        Ok(Character(character, api))
    }
}

impl Drop for Character<'_> {
    fn drop(&mut self) {
        // SAFETY: made by zinnia_character_new, destroyed only here.
        unsafe { (self.1.character_destroy)(self.0) };
    }
}

/// A classification's result, destroyed when dropped.
struct Ranked<'a>(&'a Api, NonNull<c_void>);

impl Drop for Ranked<'_> {
    fn drop(&mut self) {
        // SAFETY: returned by zinnia_recognizer_classify, destroyed only here.
        unsafe { (self.0.result_destroy)(self.1.as_ptr()) };
    }
}

/// The pad's side in whole pixels, at least one.
fn box_side(side: f32) -> usize {
    side.round().max(1.0) as usize
}
