import { NavLink, Route, Routes } from 'react-router';
import { useSession } from './auth';
import { ChatScreen } from './screens/chat';
import { FeedScreen } from './screens/feed';
import { FriendsScreen } from './screens/friends';
import { LoginScreen } from './screens/login';
import { ProfileScreen } from './screens/profile';
import { UploadScreen } from './screens/upload';
import { VideoScreen } from './screens/video';

export function App() {
  return (
    <div className="app">
      <main className="screen">
        <Routes>
          <Route path="/" element={<FeedScreen />} />
          <Route path="/v/:id" element={<VideoScreen />} />
          <Route path="/login" element={<LoginScreen />} />
          <Route path="/upload" element={<UploadScreen />} />
          <Route path="/u/:id" element={<ProfileScreen />} />
          <Route path="/friends" element={<FriendsScreen />} />
          <Route path="/chat/:peerId" element={<ChatScreen />} />
          <Route path="*" element={<p className="empty">Nothing here.</p>} />
        </Routes>
      </main>
      <BottomNav />
    </div>
  );
}

function BottomNav() {
  const session = useSession();
  return (
    <nav className="bottom-nav" aria-label="Main">
      <NavLink to="/" end>
        Home
      </NavLink>
      <NavLink to="/friends">Friends</NavLink>
      <NavLink to="/upload" className="nav-upload" aria-label="Upload">
        +
      </NavLink>
      {session ? (
        <NavLink to={`/u/${session.userId}`} data-testid="nav-me">
          Me
        </NavLink>
      ) : (
        <NavLink to="/login">Log in</NavLink>
      )}
    </nav>
  );
}
